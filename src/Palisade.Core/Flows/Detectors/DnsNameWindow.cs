using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>
/// The distinct names one pod queried under one domain within the sliding interval, whatever the transport, and which of
/// them went over each protocol: a resolver retries over TCP when an answer is truncated (and some query over TCP only),
/// and each query is reported with its own record's protocol. The common case, one protocol, is one window; the others
/// are made when a second protocol comes. Not thread-safe.
/// </summary>
internal sealed class DnsNameWindow(long windowTicks)
{
    private readonly ScanWindow<string> _names = new(windowTicks);
    private int _protocol = int.MinValue;
    private JudgedFlow _latest;
    private Dictionary<int, (ScanWindow<string> Names, JudgedFlow Latest)>? _byProtocol;

    /// <summary>The newest time seen.</summary>
    public long Newest => _names.Newest;

    /// <summary>How many distinct names are held, over every protocol (within the interval once <see cref="Add"/> said so).</summary>
    public int Count => _names.Count;

    /// <summary>Adds the query's name; whether the threshold of distinct names now falls within one interval.</summary>
    public bool Add(in JudgedFlow flow, string name, int threshold)
    {
        var protocol = flow.Protocol ?? -1;
        if (_protocol == int.MinValue)
            _protocol = protocol;
        if (_byProtocol is null && protocol != _protocol)
            _byProtocol = new() { [_protocol] = (Copy(_names), _latest) };
        if (_byProtocol is null)
            _latest = flow;
        else
        {
            var names = _byProtocol.TryGetValue(protocol, out var known) ? known.Names : new ScanWindow<string>(windowTicks);
            names.Add(name, flow.Ticks, threshold);
            _byProtocol[protocol] = (names, flow);
        }
        return _names.Add(name, flow.Ticks, threshold);
    }

    /// <summary>Adds a query that joined an alert already: its name is held for the intervals to come, not counted again.</summary>
    public void AddJoined(in JudgedFlow flow, string name)
    {
        Add(flow, name, int.MaxValue);
        _names.Joined(name);
        if (_byProtocol is not null && _byProtocol.TryGetValue(flow.Protocol ?? -1, out var known))
            known.Names.Joined(name);
    }

    /// <summary>
    /// Marks the names held as joined to the alert and returns when the latest interval holding <paramref name="threshold"/>
    /// of them starts (see <see cref="ScanWindow{T}.Join"/>).
    /// </summary>
    public long Join(int threshold)
    {
        if (_byProtocol is not null)
        {
            foreach (var (names, _) in _byProtocol.Values)
                names.Join(threshold);
        }
        return _names.Join(threshold);
    }

    /// <summary>
    /// Per protocol, its latest query and its names within the interval ending at <paramref name="now"/> that have not
    /// joined the alert yet (how many, the first time of the earliest and the last time of the latest: records that came out
    /// of time order may be later than the query that made the burst).
    /// </summary>
    public IEnumerable<(JudgedFlow Latest, int Names, long First, long Last)> Parts(long now)
    {
        if (_byProtocol is null)
        {
            var (count, first, last) = Span(_names, long.MinValue);
            yield return (_latest, count, first, last);
            yield break;
        }
        foreach (var (names, latest) in _byProtocol.Values)
        {
            var (count, first, last) = Span(names, now - windowTicks);
            if (count > 0)
                yield return (latest, count, first, last);
        }
    }

    private static (int Count, long First, long Last) Span(ScanWindow<string> names, long since)
    {
        var (count, first, last) = (0, long.MaxValue, long.MinValue);
        foreach (var (_, itemFirst, end, connections) in names.Items)
        {
            if (end < since || connections == 0)
                continue;
            count++;
            first = Math.Min(first, itemFirst);
            last = Math.Max(last, end);
        }
        return (count, first, last);
    }

    private ScanWindow<string> Copy(ScanWindow<string> names)
    {
        var copy = new ScanWindow<string>(windowTicks);
        foreach (var (name, first, end, _) in names.Items)
            copy.Add(name, first, int.MaxValue, 0, end);
        return copy;
    }
}
