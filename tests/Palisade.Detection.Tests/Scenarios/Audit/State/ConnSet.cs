using System.Globalization;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>
/// A connection set as np-guard's CONNS spells it: <c>All Connections</c> (TCP, UDP and SCTP, every port) or
/// protocol groups sorted by name, each a comma-separated list of ports and inclusive ranges
/// (<c>SCTP 1-65535,TCP 1-79,81-65535,UDP 53</c>). Parsed into port sets so that "the connections a change
/// opened" can be the set difference the contract asks for.
/// </summary>
public sealed class ConnSet
{
    public const string AllText = "All Connections";
    private const int Ports = 65536;
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    // One flag per port and protocol: parsing and subtracting stay linear whatever the ranges.
    private readonly SortedDictionary<string, bool[]> _ports = new(StringComparer.Ordinal);

    public static ConnSet Parse(string text)
    {
        var set = new ConnSet();
        if (text == AllText)
        {
            foreach (var p in Protocols)
                set.Flags(p).AsSpan(1).Fill(true);
            return set;
        }
        string? protocol = null;
        foreach (var token in text.Split(','))
        {
            var part = token.Trim();
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && char.IsLetter(part[0]))
            {
                protocol = part[..space];
                part = part[(space + 1)..];
            }
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (lo, hi) = dash < 0 ? (Int(part), Int(part)) : (Int(part[..dash]), Int(part[(dash + 1)..]));
            set.Flags(protocol!).AsSpan(lo, hi - lo + 1).Fill(true);
        }
        return set;
    }

    private bool[] Flags(string protocol) => _ports.TryGetValue(protocol, out var flags) ? flags : _ports[protocol] = new bool[Ports];

    public bool IsEmpty => _ports.Values.All(p => !p.Contains(true));

    public bool Contains(string protocol, int port) => _ports.TryGetValue(protocol, out var flags) && flags[port];

    /// <summary>What this set has and <paramref name="other"/> has not.</summary>
    public ConnSet Minus(ConnSet? other)
    {
        var result = new ConnSet();
        foreach (var (protocol, flags) in _ports)
        {
            var left = (bool[])flags.Clone();
            if (other is not null && other._ports.TryGetValue(protocol, out var taken))
            {
                for (var p = 1; p < Ports; p++)
                    left[p] &= !taken[p];
            }
            if (left.Contains(true))
                result._ports[protocol] = left;
        }
        return result;
    }

    public override string ToString()
    {
        if (Protocols.All(p => _ports.TryGetValue(p, out var flags) && !flags.AsSpan(1).Contains(false)))
            return AllText;
        return string.Join(",", _ports.Where(p => p.Value.Contains(true)).Select(p => p.Key + " " + Ranges(p.Value)));
    }

    private static string Ranges(bool[] flags)
    {
        var parts = new List<string>();
        for (var p = 1; p < Ports; p++)
        {
            if (!flags[p])
                continue;
            var start = p;
            while (p + 1 < Ports && flags[p + 1])
                p++;
            parts.Add(start == p ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{p}");
        }
        return string.Join(",", parts);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
