namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>
/// The registered domain (eTLD+1) of the names the generator uses. Not a public suffix list: the generator
/// only uses suffixes listed here, and a test checks that every name it writes ends in one of them.
/// </summary>
public static class RegisteredDomain
{
    /// <summary>Public suffixes of more than one label among the generated names.</summary>
    public static readonly IReadOnlySet<string> MultiLabelSuffixes = new HashSet<string> { "co.uk" };

    /// <summary>Single-label suffixes among the generated names (<c>local</c> by the list's default rule).</summary>
    public static readonly IReadOnlySet<string> SingleLabelSuffixes = new HashSet<string> { "com", "net", "org", "local" };

    public static string Of(string name)
    {
        var labels = Normalise(name).Split('.');
        var lastTwo = string.Join('.', labels[^2..]);
        if (MultiLabelSuffixes.Contains(lastTwo))
            return string.Join('.', labels[^3..]);
        if (!SingleLabelSuffixes.Contains(labels[^1]))
            throw new ArgumentException($"{name}: suffix not known to the generator", nameof(name));
        return lastTwo;
    }

    /// <summary>The contract's fallback, "the last two labels", which differs for multi-label suffixes.</summary>
    public static string LastTwoLabels(string name) => string.Join('.', Normalise(name).Split('.')[^2..]);

    /// <summary>Lower case without the trailing dot: the "full name" distinct names are counted on.</summary>
    public static string Normalise(string name) => name.TrimEnd('.').ToLowerInvariant();
}
