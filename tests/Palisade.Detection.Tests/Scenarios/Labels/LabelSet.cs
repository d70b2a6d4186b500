namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>Labels merged by (detector, src, dst, protocol): ports are united, the cause must agree.</summary>
public sealed class LabelSet
{
    private readonly Dictionary<(string, string, string, string), (SortedSet<int> Ports, LabelCause? Cause, string Why)> _labels = [];
    private readonly Dictionary<(string, string, string, string), int> _connections = [];

    /// <summary>Adds one connection of a detector that reports every connection of its key: the label counts them.</summary>
    public void AddConnection(string detector, string src, string dst, string protocol, IEnumerable<int> ports, string why, LabelCause? cause = null)
    {
        Add(detector, src, dst, protocol, ports, why, cause);
        var key = (detector, src, dst, protocol);
        _connections[key] = _connections.GetValueOrDefault(key) + 1;
    }

    public void Add(string detector, string src, string dst, string protocol, IEnumerable<int> ports, string why, LabelCause? cause = null)
    {
        var key = (detector, src, dst, protocol);
        if (!_labels.TryGetValue(key, out var entry))
            _labels[key] = entry = ([], cause, why);
        else if (entry.Cause != cause)
            throw new InvalidOperationException($"{detector} {src} -> {dst} {protocol}: two causes ({entry.Cause} and {cause}); the scenario must not aggregate them");
        entry.Ports.UnionWith(ports);
    }

    public void Add(string detector, string src, string dst, string protocol, int port, string why, LabelCause? cause = null) =>
        Add(detector, src, dst, protocol, [port], why, cause);

    /// <summary>The labels in a stable order (detector, src, dst, protocol).</summary>
    public IReadOnlyList<Label> ToList() =>
    [
        .. _labels.OrderBy(l => l.Key.Item1, StringComparer.Ordinal).ThenBy(l => l.Key.Item2, StringComparer.Ordinal)
            .ThenBy(l => l.Key.Item3, StringComparer.Ordinal).ThenBy(l => l.Key.Item4, StringComparer.Ordinal)
            .Select(l => new Label(l.Key.Item1, l.Key.Item2, l.Key.Item3, l.Key.Item4, [.. l.Value.Ports]) { Cause = l.Value.Cause, Why = l.Value.Why, Count = _connections.TryGetValue(l.Key, out var n) ? n : null }),
    ];
}
