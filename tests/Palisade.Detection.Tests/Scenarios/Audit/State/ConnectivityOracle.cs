using System.Collections.Concurrent;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Scenarios.Audit.State;

/// <summary>
/// What a state allows, asked of <c>palisade connectivity</c> (older, trusted code, not the audit code under
/// test) on the state's manifests, and what a change opened and closed: per ordered pair, the connections
/// after minus those before, in connectivity's txt line format at workload granularity.
/// </summary>
public sealed class ConnectivityOracle(string workDirectory)
{
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<(string Src, string Dst), string>>> _cache = new();
    private int _written;

    /// <summary>The pairs a state allows and their CONNS text.</summary>
    public IReadOnlyDictionary<(string Src, string Dst), string> Pairs(ClusterState state) =>
        _cache.GetOrAdd(state.Fingerprint(), _ => new Lazy<IReadOnlyDictionary<(string, string), string>>(() => Run(state))).Value;

    /// <summary>The txt lines of <c>palisade connectivity</c> for a state.</summary>
    public IReadOnlyList<string> Lines(ClusterState state) =>
        [.. Pairs(state).Select(p => $"{p.Key.Src} => {p.Key.Dst} : {p.Value}")];

    public IReadOnlyList<string> Opened(ClusterState before, ClusterState after) => Difference(Pairs(after), Pairs(before));

    public IReadOnlyList<string> Closed(ClusterState before, ClusterState after) => Difference(Pairs(before), Pairs(after));

    /// <summary>Whether the state allows src to reach dst on the port (both as connectivity names them).</summary>
    public bool Allows(ClusterState state, string src, string dst, string protocol, int port) =>
        Pairs(state).TryGetValue((src, dst), out var conns) && ConnSet.Parse(conns).Contains(protocol, port);

    /// <summary>The external address ranges a state's output names: a change that splits them differently is avoided.</summary>
    public IReadOnlySet<string> ExternalRanges(ClusterState state) =>
        Pairs(state).Keys.SelectMany(k => new[] { k.Src, k.Dst }).Where(n => n.EndsWith("[External]", StringComparison.Ordinal)).ToHashSet();

    private static List<string> Difference(IReadOnlyDictionary<(string Src, string Dst), string> from, IReadOnlyDictionary<(string Src, string Dst), string> minus)
    {
        var lines = new List<string>();
        foreach (var ((src, dst), conns) in from.OrderBy(p => p.Key.Src, StringComparer.Ordinal).ThenBy(p => p.Key.Dst, StringComparer.Ordinal))
        {
            var known = minus.TryGetValue((src, dst), out var old);
            if (known && old == conns)
                continue;
            var added = ConnSet.Parse(conns).Minus(known ? ConnSet.Parse(old!) : null);
            if (!added.IsEmpty)
                lines.Add($"{src} => {dst} : {added}");
        }
        return lines;
    }

    private Dictionary<(string, string), string> Run(ClusterState state)
    {
        var dir = Path.Combine(workDirectory, "state-" + Interlocked.Increment(ref _written).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        state.WriteTo(dir);
        var run = CliRun.Of("connectivity", dir, "-o", "txt");
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"connectivity on {dir} exited {run.ExitCode}: {run.Error}");
        Directory.Delete(dir, recursive: true);
        var pairs = new Dictionary<(string, string), string>();
        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
            var colon = line.IndexOf(" : ", arrow, StringComparison.Ordinal);
            pairs[(line[..arrow], line[(arrow + 4)..colon])] = line[(colon + 3)..];
        }
        return pairs;
    }
}
