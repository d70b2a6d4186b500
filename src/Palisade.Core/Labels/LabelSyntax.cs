namespace Palisade.Labels;

/// <summary>The API server's syntax rules for label keys and values, and the DNS names (RFC 1123) it gives objects.</summary>
public static class LabelSyntax
{
    /// <summary>
    /// Null when the key is a valid qualified name (<c>[prefix/]name</c>: a DNS subdomain prefix of at most
    /// 253 characters, a name of at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric).
    /// </summary>
    public static string? KeyError(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !IsDnsSubdomain(prefix))
                return $"invalid label key \"{key}\": the prefix must be a DNS subdomain";
        }
        if (name.Length == 0 || name.Length > 63 || !IsNamePart(name))
            return $"invalid label key \"{key}\": the name part must be 1-63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric";
        return null;
    }

    /// <summary>Null when the value is valid: empty, or at most 63 characters as a key's name part.</summary>
    public static string? ValueError(string value) =>
        value.Length == 0 || (value.Length <= 63 && IsNamePart(value))
            ? null
            : $"invalid label value \"{value}\": must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric";

    private static bool IsNamePart(string text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
                return false;
        }
        return true;
    }

    /// <summary>Whether the text is a DNS subdomain: at most 253 characters of DNS labels joined by dots (cluster.local).</summary>
    public static bool IsDnsSubdomain(string text)
    {
        if (text.Length > 253)
            return false;
        foreach (var label in text.Split('.'))
        {
            if (!IsDnsLabel(label))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Whether the text is a DNS label, as namespaces are named: 1-63 lower-case alphanumerics or '-', starting and ending
    /// alphanumeric.
    /// </summary>
    public static bool IsDnsLabel(string text)
    {
        if (text.Length is 0 or > 63 || text[0] == '-' || text[^1] == '-')
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                return false;
        }
        return true;
    }
}
