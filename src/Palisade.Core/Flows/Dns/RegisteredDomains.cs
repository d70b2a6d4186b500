using System.Reflection;

namespace Palisade.Flows.Dns;

/// <summary>
/// The registered domain of a name (eTLD+1) by the public suffix list (publicsuffix.org, ICANN and private
/// sections, embedded as Debian ships it): the public suffix plus one label; a name no rule covers takes its
/// last two labels (the list's implicit <c>*</c> rule). Loaded once; safe for concurrent readers.
/// </summary>
public static class RegisteredDomains
{
    private static readonly Lazy<Rules> List = new(Load);
    private static readonly System.Globalization.IdnMapping Idn = new();

    /// <summary>
    /// The registered domain of a lower-case name without a trailing dot; the name itself when it is a public
    /// suffix or has a single label.
    /// </summary>
    public static string Of(string name)
    {
        var labels = name.Split('.');
        if (labels.Length <= 1)
            return name;
        var suffixLabels = List.Value.SuffixLength(labels);
        var take = Math.Min(labels.Length, suffixLabels + 1);
        return string.Join('.', labels, labels.Length - take, take);
    }

    /// <summary>The number of trailing labels that form the public suffix (at least one).</summary>
    private sealed class Rules(HashSet<string> exact, HashSet<string> wildcard, HashSet<string> exception)
    {
        public int SuffixLength(string[] labels)
        {
            var best = 1;
            for (var take = 1; take <= labels.Length; take++)
            {
                var suffix = string.Join('.', labels, labels.Length - take, take);
                if (exception.Contains(suffix))
                    return take - 1;
                if (exact.Contains(suffix))
                    best = take;
                if (take < labels.Length && wildcard.Contains(suffix))
                    best = take + 1;
            }
            return best;
        }
    }

    private static Rules Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("public_suffix_list.dat")
            ?? throw new InvalidOperationException("the public suffix list is not embedded");
        using var reader = new StreamReader(stream);
        HashSet<string> exact = new(StringComparer.Ordinal), wildcard = new(StringComparer.Ordinal), exception = new(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
                continue;
            rule = rule.ToLowerInvariant();
            var (set, suffix) = rule switch
            {
                ['!', ..] => (exception, rule[1..]),
                ['*', '.', ..] => (wildcard, rule[2..]),
                _ => (exact, rule),
            };
            set.Add(suffix);
            // The list writes internationalised rules in Unicode (公司.cn); DNS queries carry their A-labels (xn--55qx5d.cn).
            if (AsciiForm(suffix) is { } ascii)
                set.Add(ascii);
        }
        return new Rules(exact, wildcard, exception);
    }

    /// <summary>A rule's A-label form when it has non-ASCII labels (IDNA, as resolvers send them); null otherwise.</summary>
    private static string? AsciiForm(string rule)
    {
        if (System.Text.Ascii.IsValid(rule))
            return null;
        try
        {
            return Idn.GetAscii(rule);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
