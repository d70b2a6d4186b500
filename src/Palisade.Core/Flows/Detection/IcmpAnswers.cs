using Palisade.Flows.Identity;

namespace Palisade.Flows.Detection;

/// <summary>
/// Tells ICMP answers from requests, for the contract's "reply records are never counted". Hubble gives the
/// message type: an echo reply or an error report (unreachable, time exceeded, ...) answers a packet its
/// destination sent. IP-only formats give no type (VPC and CSV write ports 0, GCP none): there an ICMP record
/// answers when the reverse pair was seen as a request within the idle timeout, as an echo reply follows its
/// request, or as a UDP datagram (the port unreachable that answers a UDP probe). (Two peers pinging each other, or one
/// pinging a peer that sent it UDP, within that time look like one exchange there.) Not thread-safe.
/// </summary>
internal sealed class IcmpAnswers(long idleTicks)
{
    private const int MaxPairs = 1 << 20;

    // The latest end of the ICMP requests seen per (source, destination, protocol), by the peers' numbers; UDP datagrams
    // under their own protocol number.
    private readonly Dictionary<(int, int, int), long> _requests = [];

    /// <summary>Remembers a UDP datagram of a format without ICMP types, which an ICMP error from its destination may answer.</summary>
    public void SentUdp(FlowRecord record, FlowPeer source, FlowPeer destination) =>
        Remember((source.Id, destination.Id, FlowProtocols.Udp), End(record));

    /// <summary>Whether the ICMP record answers an earlier request (or is not a connection at all); a request is remembered for its answers.</summary>
    public bool IsAnswer(FlowRecord record, FlowPeer source, FlowPeer destination)
    {
        var protocol = record.Protocol ?? -1;
        if (record.IcmpType is { } type)
            return IsAnswerType(protocol, type);
        // Replicas of one workload share their number: their pings and answers have one key either way, so any record
        // between them is taken as a request rather than every later ping as an answer.
        if (source.Id == destination.Id)
            return false;
        var (start, end) = (record.Time.UtcTicks, End(record));
        if (Asked((destination.Id, source.Id, protocol), start, end) || Asked((destination.Id, source.Id, FlowProtocols.Udp), start, end))
            return true;
        Remember((source.Id, destination.Id, protocol), end);
        return false;
    }

    private bool Asked((int, int, int) key, long start, long end) =>
        _requests.TryGetValue(key, out var asked) && ConnectionTracker.Continues(asked, start, end, idleTicks);

    private void Remember((int, int, int) key, long end)
    {
        if (_requests.Count >= MaxPairs && !_requests.ContainsKey(key))
            _requests.Clear();
        _requests[key] = _requests.TryGetValue(key, out var last) ? Math.Max(last, end) : end;
    }

    private static long End(FlowRecord record) =>
        record.End is { } e && e.UtcTicks > record.Time.UtcTicks ? e.UtcTicks : record.Time.UtcTicks;

    /// <summary>
    /// ICMP echo reply, unreachable, source quench, redirect, time exceeded, parameter problem, timestamp, information
    /// and mask replies; ICMPv6 errors, echo reply, and neighbour discovery (133-137: the link's own housekeeping,
    /// which no policy governs, never a connection).
    /// </summary>
    private static bool IsAnswerType(int protocol, int type) => protocol == FlowProtocols.IcmpV6
        ? type is >= 1 and <= 4 or 129 or >= 133 and <= 137
        : type is 0 or 3 or 4 or 5 or 11 or 12 or 14 or 16 or 18;
}
