using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Identity;

/// <summary>
/// Which pod held each address when: for every address, the half-open intervals (UTC ticks) of its holders,
/// built from every state of the cluster's history. Addresses are reused, so a lookup is by time, never by
/// the last holder. Immutable once built; safe for concurrent readers.
/// </summary>
public sealed class AddressOwners
{
    private readonly Dictionary<AddressKey, Holding[]> _holdings;

    private AddressOwners(Dictionary<AddressKey, Holding[]> holdings) => _holdings = holdings;

    /// <summary>
    /// The pod holding the address at the instant (the first holding that contains it), or null, with the interval [<paramref name="from"/>,
    /// <paramref name="to"/>) over which that answer holds (a holding, or the gap between two), so that a caller can
    /// reuse it for flows of the same address until their time leaves the interval.
    /// </summary>
    public Pod? At(AddressKey address, long utcTicks, out long from, out long to)
    {
        (from, to) = (long.MinValue, long.MaxValue);
        if (!_holdings.TryGetValue(address, out var holdings))
            return null;
        foreach (var holding in holdings)
        {
            if (holding.To <= utcTicks)
                from = Math.Max(from, holding.To);
            else if (holding.From > utcTicks)
                to = Math.Min(to, holding.From);
            else
            {
                // Holdings can overlap (a finished pod's interval runs on while the running one has the address):
                // the earlier ones already narrowed the interval to where this one is the first match.
                (from, to) = (Math.Max(from, holding.From), Math.Min(to, holding.To));
                return holding.Pod;
            }
        }
        return null;
    }

    /// <summary>Every address any pod held at some time.</summary>
    public IEnumerable<AddressKey> Addresses => _holdings.Keys;

    /// <summary>Builds the holdings of every pod address over the history.</summary>
    public static AddressOwners Build(ClusterHistory history)
    {
        var open = new Dictionary<AddressKey, (Pod Pod, long From)>();
        var closed = new Dictionary<AddressKey, List<Holding>>();
        var present = new HashSet<AddressKey>();
        for (var i = 0; i < history.States.Count; i++)
        {
            var start = history.States[i].From.UtcTicks;
            present.Clear();
            foreach (var (address, holders) in HoldersIn(history.States[i].Snapshot))
            {
                present.Add(address);
                for (var k = 0; k < holders.Count; k++)
                {
                    var from = k == 0 ? start : Math.Max(start, holders[k].Created?.UtcTicks ?? start);
                    var held = open.TryGetValue(address, out var current);
                    if (held && ReferenceEquals(current.Pod, holders[k]))
                        continue;
                    // A pod past its deletionTimestamp held the address no more (its containers were killed then), also when
                    // the log lacks the kubelet's delete that would have removed it: the address was free since.
                    if (held && current.Pod.Deleting is { } deleting && deleting.UtcTicks <= from)
                    {
                        Close(open, closed, address, from);
                        held = false;
                    }
                    // An address a status write reports (the kubelet's, after the sandbox started) was the pod's since its
                    // creation, when nobody held it since: its init containers' traffic comes before the report.
                    if (!held && holders[k].Created is { } created && created.UtcTicks < from)
                        from = Math.Max(created.UtcTicks, LastEnd(closed, address));
                    Close(open, closed, address, from);
                    open[address] = (holders[k], from);
                }
            }
            foreach (var address in open.Keys.Where(a => !present.Contains(a)).ToArray())
                Close(open, closed, address, start);
        }
        foreach (var address in open.Keys.ToArray())
            Close(open, closed, address, long.MaxValue);
        AddPredecessors(history.States[0], closed);
        return new AddressOwners(closed.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }

    /// <summary>
    /// The addresses a pod created again under its name held before (an earlier dump's), as that pod's until the later
    /// one's creation, first among their holdings: the pod of the name is the one the state holds, owner resolved. A pod
    /// created again keeps its name and controller, so its workload is the same.
    /// </summary>
    private static void AddPredecessors(ClusterState initial, Dictionary<AddressKey, List<Holding>> closed)
    {
        foreach (var predecessor in initial.Cluster.Predecessors)
        {
            var pod = initial.Snapshot.Pods.FirstOrDefault(p => p.Namespace == predecessor.Namespace && p.Name == predecessor.Name);
            if (pod is null || pod.HostNetwork || predecessor.Deleting is not { } deleting)
                continue;
            foreach (var address in predecessor.Addresses)
            {
                var key = AddressKey.Of(address);
                if (!closed.TryGetValue(key, out var list))
                    closed[key] = list = [];
                list.Insert(0, new Holding(long.MinValue, deleting.UtcTicks, pod));
            }
        }
    }

    /// <summary>When the address's last holding so far ended (the beginning of time when it had none).</summary>
    private static long LastEnd(Dictionary<AddressKey, List<Holding>> closed, AddressKey address) =>
        closed.TryGetValue(address, out var list) && list.Count > 0 ? list[^1].To : long.MinValue;

    private static void Close(Dictionary<AddressKey, (Pod Pod, long From)> open, Dictionary<AddressKey, List<Holding>> closed, AddressKey address, long to)
    {
        if (!open.Remove(address, out var current))
            return;
        // A pod being deleted holds its addresses until its deletionTimestamp at the latest (its containers are killed
        // then), also when the log lacks the kubelet's delete that removes it.
        if (current.Pod.Deleting is { } deleting)
            to = Math.Min(to, deleting.UtcTicks);
        if (to > current.From)
        {
            if (!closed.TryGetValue(address, out var list))
                closed[address] = list = [];
            list.Add(new Holding(current.From, to, current.Pod));
        }
    }

    /// <summary>
    /// The pods holding each address in one state, in the order they took it: by creation time, a finished pod
    /// before a running one (its address was since given to the running pod).
    /// </summary>
    private static Dictionary<AddressKey, List<Pod>> HoldersIn(NetworkSnapshot snapshot)
    {
        var holders = new Dictionary<AddressKey, List<Pod>>();
        foreach (var pod in snapshot.Pods)
        {
            if (pod.HostNetwork)
                continue;
            foreach (var address in pod.Addresses)
            {
                var key = AddressKey.Of(address);
                if (!holders.TryGetValue(key, out var list))
                    holders[key] = list = [];
                list.Add(pod);
            }
        }
        foreach (var list in holders.Values)
        {
            if (list.Count > 1)
                list.Sort(static (a, b) => (a.Terminated ? 0 : 1).CompareTo(b.Terminated ? 0 : 1) is var order and not 0
                    ? order
                    : Nullable.Compare(a.Created, b.Created));
        }
        return holders;
    }

    private readonly record struct Holding(long From, long To, Pod Pod);
}
