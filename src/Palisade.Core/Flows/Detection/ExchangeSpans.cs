using System.Runtime.InteropServices;
using Palisade.Net;

namespace Palisade.Flows.Detection;

/// <summary>
/// The exchanges without ports (ICMP) that aggregated records (VPC, GCP) report, per source, destination and protocol:
/// the spans of time over which consecutive records of the pair continued one another. A record continues the exchange
/// whose span it reaches within its own interval's length, wherever it lies in the span: a delivery lists each interface's
/// capture windows together, so the server interface's first window comes after the client interface's last, and keeping
/// only the latest end counted such a ping once per interface. A few spans are kept per pair (pings minutes apart are
/// exchanges apart, and their windows may be listed out of order); memory is bounded. Not thread-safe.
/// </summary>
internal sealed class ExchangeSpans(long idleTicks, int capacity)
{
    private const int SpansPerPair = 8;

    private readonly Dictionary<Pair, List<Span>> _pairs = [];

    /// <summary>
    /// Records the pair as seen from <paramref name="start"/> to <paramref name="end"/>; whether that continued an exchange
    /// already seen (a span reached within <paramref name="within"/>).
    /// </summary>
    public bool Touch(AddressKey source, AddressKey destination, int protocol, long start, long end, long within)
    {
        var pair = new Pair(source, destination, protocol);
        if (_pairs.Count >= capacity && !_pairs.ContainsKey(pair))
            Evict(end);
        var spans = CollectionsMarshal.GetValueRefOrAddDefault(_pairs, pair, out _) ??= [];
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (start - span.Last <= within && span.First - end <= within)
            {
                spans[i] = new Span(Math.Min(span.First, start), Math.Max(span.Last, end));
                return true;
            }
        }
        // Spans idle for twice the timeout are over (records come out of order by up to one), and past the bound the
        // oldest goes.
        for (var i = spans.Count - 1; i >= 0; i--)
        {
            if (end - spans[i].Last > 2 * idleTicks)
                spans.RemoveAt(i);
        }
        if (spans.Count >= SpansPerPair)
            spans.RemoveAt(Oldest(spans));
        spans.Add(new Span(start, end));
        return false;
    }

    private static int Oldest(List<Span> spans)
    {
        var oldest = 0;
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Last < spans[oldest].Last)
                oldest = i;
        }
        return oldest;
    }

    private static long Latest(List<Span> spans)
    {
        var latest = long.MinValue;
        foreach (var span in spans)
            latest = Math.Max(latest, span.Last);
        return latest;
    }

    private void Evict(long now)
    {
        foreach (var (pair, spans) in _pairs)
        {
            if (now - Latest(spans) > idleTicks)
                _pairs.Remove(pair);
        }
        if (_pairs.Count >= capacity)
            _pairs.Clear();
    }

    private readonly record struct Pair(AddressKey Source, AddressKey Destination, int Protocol);

    private readonly record struct Span(long First, long Last);
}
