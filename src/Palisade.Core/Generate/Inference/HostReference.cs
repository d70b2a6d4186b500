namespace Palisade.Generate.Inference;

/// <summary>
/// A host (and port) found in a configuration value: <c>cart:7070</c>, <c>http://checkout.shop</c>,
/// <c>redis://:secret@cache.data.svc.cluster.local:6379/0</c>. <see cref="Qualified"/> says the text was more than
/// a bare word (a scheme, a port or a dot), which a bare word must be to count as a Service name.
/// </summary>
public sealed record HostReference(string Host, int? Port, string? Scheme)
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', '"', '\'', '(', ')', '[', ']', '{', '}', '=', '@', '<', '>', '|'];

    /// <summary>Whether the reference carries a scheme, a port or a dot.</summary>
    public bool Qualified => Port is not null || Scheme is not null || Host.Contains('.');

    /// <summary>Every host reference in the value, in order.</summary>
    public static IEnumerable<HostReference> Find(string value)
    {
        foreach (var token in value.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(token) is { } reference)
                yield return reference;
        }
    }

    private static HostReference? Parse(string token)
    {
        string? scheme = null;
        var rest = token;
        var separator = token.IndexOf("://", StringComparison.Ordinal);
        if (separator > 0)
        {
            scheme = token[..separator].ToLowerInvariant();
            rest = token[(separator + 3)..];
        }
        var slash = rest.IndexOf('/');
        if (slash >= 0)
            rest = rest[..slash];
        int? port = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(rest.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > 65535)
                return null;
            port = number;
            rest = rest[..colon];
        }
        var host = rest.TrimEnd('.').ToLowerInvariant();
        return IsHostName(host) ? new HostReference(host, port, scheme) : null;
    }

    /// <summary>DNS labels of letters, digits and '-', not starting or ending with '-', and not all digits (an address or a number).</summary>
    private static bool IsHostName(string host)
    {
        if (host.Length is 0 or > 253 || host.All(c => char.IsAsciiDigit(c) || c == '.'))
            return false;
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                return false;
        }
        return char.IsAsciiLetter(host[0]);
    }
}
