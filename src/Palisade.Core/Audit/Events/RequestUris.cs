namespace Palisade.Audit.Events;

/// <summary>What an audit event's request URI says beyond the object reference.</summary>
internal static class RequestUris
{
    /// <summary>
    /// Whether the query asks for a dry run, read as the API server reads it: parameters split on '&amp;',
    /// then name and value percent-decoded, and <c>All</c> the only value it accepts.
    /// </summary>
    public static bool IsDryRun(string uri)
    {
        var start = uri.IndexOf('?') + 1;
        if (start == 0)
            return false;
        var query = uri.AsSpan(start);
        // Almost no URI mentions it: the cheap test keeps the parsing off the common path.
        if (!query.Contains("dryRun", StringComparison.Ordinal) && !query.Contains('%'))
            return false;
        foreach (var range in query.Split('&'))
        {
            var parameter = query[range];
            var equals = parameter.IndexOf('=');
            if (equals > 0 && Decodes(parameter[..equals], "dryRun") && Decodes(parameter[(equals + 1)..], "All"))
                return true;
        }
        return false;
    }

    /// <summary>The first value of a query parameter, percent-decoded (<c>+</c> as a space); null when the query lacks it.</summary>
    public static string? Parameter(string uri, string name)
    {
        var query = uri.IndexOf('?');
        if (query < 0)
            return null;
        foreach (var parameter in uri[(query + 1)..].Split('&'))
        {
            if (parameter.Length > name.Length && parameter[name.Length] == '=' && parameter.StartsWith(name, StringComparison.Ordinal))
                return Uri.UnescapeDataString(parameter[(name.Length + 1)..].Replace('+', ' '));
        }
        return null;
    }

    private static bool Decodes(ReadOnlySpan<char> encoded, string expected) =>
        encoded.ContainsAny('%', '+')
            ? Uri.UnescapeDataString(encoded.ToString().Replace('+', ' ')) == expected
            : encoded.SequenceEqual(expected);
}
