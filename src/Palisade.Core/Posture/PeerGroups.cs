using Palisade.Connectivity;

namespace Palisade.Posture;

/// <summary>
/// The workloads of a cluster in report order, each with the indices of its pods and of one pod per identity class
/// (a verdict about one holds for its whole class). Indices are into the engine's pods, so the groups serve any engine
/// built on the same pods with the same external ranges, which is what decides the classes. Not thread-safe: one
/// report's checks and proofs use it on one thread.
/// </summary>
internal sealed class PeerGroups
{
    /// <summary>A workload's pods, and one of them per identity class.</summary>
    public sealed record Group(Peer Peer, int[] Members, int[] Representatives);

    private readonly Dictionary<Peer, Group> _byPeer;
    private readonly Dictionary<string, List<Group>> _byNamespace;
    private Group[]? _byPod;

    private PeerGroups(List<Group> groups)
    {
        All = groups;
        _byPeer = groups.ToDictionary(g => g.Peer);
        _byNamespace = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!_byNamespace.TryGetValue(group.Peer.Namespace!, out var list))
                _byNamespace[group.Peer.Namespace!] = list = [];
            list.Add(group);
        }
    }

    /// <summary>Every workload, in report order.</summary>
    public IReadOnlyList<Group> All { get; }

    /// <summary>The group of a workload.</summary>
    public Group this[Peer peer] => _byPeer[peer];

    /// <summary>The group holding the pod (an index into the engine's pods).</summary>
    public Group Holding(int pod)
    {
        if (_byPod is null)
        {
            var byPod = new Group[All.Count == 0 ? 0 : All.Max(g => g.Members.Max()) + 1];
            foreach (var group in All)
            {
                foreach (var member in group.Members)
                    byPod[member] = group;
            }
            _byPod = byPod;
        }
        return _byPod[pod];
    }

    /// <summary>The workloads of the namespaces, in report order.</summary>
    public List<Group> In(IEnumerable<string> namespaces)
    {
        var result = new List<Group>();
        foreach (var ns in namespaces)
        {
            if (_byNamespace.TryGetValue(ns, out var list))
                result.AddRange(list);
        }
        result.Sort((a, b) => a.Peer.CompareTo(b.Peer));
        return result;
    }

    /// <summary>The groups of the engine's pods.</summary>
    public static PeerGroups Of(PolicyEngine engine)
    {
        // By owner, not by peer: a peer per pod would format every pod's workload name.
        var members = new Dictionary<Model.WorkloadRef, (Peer Peer, List<int> Members, List<int> Representatives, HashSet<int> Classes)>();
        foreach (var pod in engine.Pods)
        {
            if (!members.TryGetValue(pod.Pod.Owner, out var group))
                members[pod.Pod.Owner] = group = (PostureContext.PeerOf(pod.Pod), [], [], []);
            group.Members.Add(pod.Index);
            if (group.Classes.Add(engine.IdentityClass(pod)))
                group.Representatives.Add(pod.Index);
        }
        var groups = new List<Group>(members.Count);
        foreach (var group in members.Values)
            groups.Add(new Group(group.Peer, [.. group.Members], [.. group.Representatives]));
        groups.Sort((a, b) => a.Peer.CompareTo(b.Peer));
        return new PeerGroups(groups);
    }
}
