using System.Collections.Frozen;
using Palisade.Audit.Policy;
using Palisade.Model.Mesh;
using Palisade.Model.Rbac;
using Palisade.Policy;

namespace Palisade.Model;

/// <summary>
/// Builds a <see cref="Cluster"/> from objects added one at a time, whatever their source. One duplicate rule
/// holds for every kind; each pod is reported as its top owner among the objects present; a workload's
/// template pod gives way to its real pods.
/// </summary>
public sealed class ClusterBuilder(DuplicateRule rule)
{
    private const int MaxOwnerDepth = 16;

    // Kinds that never control a pod, however their owner references read.
    private static readonly HashSet<string> NotOwners = new(StringComparer.Ordinal) { "Pod", "Namespace", "Service", "NetworkPolicy" };

    // What the cluster holds; an object of another type would be silently lost.
    private static readonly Type[] ContentTypes =
    [
        typeof(NamespaceInfo), typeof(Pod), typeof(ServiceInfo), typeof(IngressRoute), typeof(NetworkPolicy), typeof(AdminNetworkPolicy),
        typeof(RbacRole), typeof(RbacBinding), typeof(ServiceAccount), typeof(PeerAuthentication), typeof(DestinationRule),
        typeof(AuthorizationPolicy), typeof(AuditPolicy), typeof(NodeInfo), typeof(ServiceEndpoints), typeof(IngressGateway),
    ];
    private readonly List<ClusterObject> _objects = [];
    private readonly Dictionary<ObjectKey, int> _positions = [];
    private readonly List<DuplicateObject> _duplicates = [];
    private readonly List<Pod> _predecessors = [];
    private readonly Dictionary<ObjectKey, OwnerReference?> _ownership = [];

    /// <summary>
    /// Adds an object; a second declaration of one is rejected or replaces the first, as the rule says, keeping the
    /// fields the API server assigned that it leaves out (<see cref="AssignedFields"/>).
    /// </summary>
    public void Add(ClusterObject o)
    {
        if (!ContentTypes.Contains(o.Content.GetType()))
            throw new ArgumentException($"{o.Meta.Key}: a cluster holds no {o.Content.GetType().Name}", nameof(o));
        var key = o.Meta.Key;
        if (!_positions.TryGetValue(key, out var position))
        {
            _positions[key] = _objects.Count;
            _objects.Add(o);
            return;
        }
        var first = _objects[position].Meta.Resource;
        if (rule == DuplicateRule.Reject)
            throw new InvalidInputException(o.Meta.Resource.Location, key.ToString(), "metadata.name",
                $"declared twice (first at {first.Location?.ToString() ?? "an earlier input"}); only one object of a kind may have a given name");
        _duplicates.Add(new DuplicateObject(first, o.Meta.Resource));
        if (Predecessor(_objects[position].Content, o.Content) is { } predecessor)
            _predecessors.Add(predecessor);
        _objects[position] = AssignedFields.Keep(_objects[position], o);
    }

    /// <summary>
    /// The controller of an object whose body is not known (an audit log's write without its body): it holds nothing for
    /// the cluster, but the pods it controls still belong to its controller.
    /// </summary>
    public void AddOwnership(ObjectKey key, OwnerReference? controller) => _ownership[key] = controller;

    /// <summary>The cluster of the objects added; throws <see cref="InvalidInputException"/> on a priority conflict.</summary>
    public Cluster Build()
    {
        var (pods, sidecars, templates) = Pods();
        var network = new NetworkSnapshot(Of<NamespaceInfo>(), pods, Of<NetworkPolicy>(), Services(), Of<AdminNetworkPolicy>(), Routes())
        {
            Nodes = Of<NodeInfo>(),
        };
        if (PriorityConflict.Find(network) is { } conflict)
            throw new InvalidInputException(conflict.Second.Location, conflict.Second.ToString(), "spec.priority",
                $"priority {conflict.Second.Priority} is also the priority of {conflict.First} ({conflict.First.Location}), and both select pod {conflict.SharedPod}: their order is undefined");
        return new Cluster(network)
        {
            Roles = Of<RbacRole>(),
            Bindings = Of<RbacBinding>(),
            ServiceAccounts = Of<ServiceAccount>(),
            Mesh = Mesh(sidecars),
            AuditPolicies = Of<AuditPolicy>(),
            Objects = new ObjectIndex(_objects.Select(o => o.Meta)),
            Duplicates = _duplicates.ToArray(),
            Templates = templates,
            Predecessors = _predecessors.ToArray(),
        };
    }

    /// <summary>
    /// The earlier pod with the addresses the later one lacks, held until the later one's creation, when a later
    /// declaration is the pod created again under its name (a StatefulSet's pod in two dumps taken apart): those addresses
    /// were the earlier one's until then.
    /// </summary>
    private static Pod? Predecessor(object earlier, object later)
    {
        if ((earlier, later) is not (Pod { FromTemplate: false, Created: { } before } e, Pod { FromTemplate: false, Addresses.Count: > 0, Created: { } after } l)
            || after <= before)
            return null;
        var left = e.Addresses.Where(a => !l.Addresses.Contains(a)).ToArray();
        return left.Length == 0 ? null : e with { Addresses = left, Deleting = e.Deleting is { } deleting && deleting < after ? deleting : after };
    }

    private T[] Of<T>() => _objects.Select(o => o.Content).OfType<T>().ToArray();

    /// <summary>The routes, each route through a gateway with the TLS of the gateways (or listeners) it is bound to.</summary>
    private IngressRoute[] Routes()
    {
        var gateways = Of<IngressGateway>().ToDictionary(g => $"{g.Namespace}/{g.Name}", StringComparer.Ordinal);
        // A route bound to no gateway (the mesh only, a Service) routes inside the cluster: not a way in.
        return [.. Of<IngressRoute>().Where(r => !r.ThroughGateway || r.Gateways.Count > 0).Select(r => r.Gateways.Count == 0 ? r : r with { Tls = r.Gateways.All(g => TlsOnly(gateways, g)) })];
    }

    /// <summary>Whether the gateway <c>ns/name</c> (or its listener, <c>ns/name/listener</c>) is in the input and serves TLS only.</summary>
    private static bool TlsOnly(Dictionary<string, IngressGateway> gateways, string reference)
    {
        var parts = reference.Split('/');
        return gateways.TryGetValue($"{parts[0]}/{parts[1]}", out var gateway) && gateway.ServesTlsOnly(parts.Length > 2 ? parts[2] : null);
    }

    /// <summary>The Services, each with the endpoints its Endpoints object and EndpointSlices list.</summary>
    private ServiceInfo[] Services()
    {
        var endpoints = Of<ServiceEndpoints>().GroupBy(e => (e.Namespace, e.Service))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Endpoints).Distinct().ToArray());
        return [.. Of<ServiceInfo>().Select(s => endpoints.TryGetValue((s.Namespace, s.Name), out var found) ? s with { Endpoints = found } : s)];
    }

    /// <summary>
    /// Every pod as its top owner, template pods only of workloads without real pods; the sidecar hints of
    /// every pod read, templates included, merged per workload; and the template pods of top owners that have real pods.
    /// </summary>
    private (List<Pod> Pods, Dictionary<WorkloadRef, SidecarHint> Sidecars, Pod[] Templates) Pods()
    {
        var controllers = _objects.Where(o => !NotOwners.Contains(o.Meta.Key.Kind) && o.Meta.Key.Namespace is not null)
            .ToDictionary(o => o.Meta.Key, o => o.Meta.Controller);
        foreach (var (key, controller) in _ownership)
        {
            if (!NotOwners.Contains(key.Kind) && key.Namespace is not null)
                controllers.TryAdd(key, controller);
        }
        var pods = Of<Pod>().Select(p => p with { Owner = TopOwner(controllers, Maker(controllers, p)) }).ToList();
        var realOwners = pods.Where(p => !p.FromTemplate).Select(p => p.Owner).ToHashSet();
        var sidecars = Sidecars(pods);
        // A template pod keeps its own name: the top owner's own template is the one named as its owner.
        var templates = pods.Where(p => p.FromTemplate && realOwners.Contains(p.Owner) && p.Name == p.Owner.Name).ToArray();
        pods.RemoveAll(p => p.FromTemplate && realOwners.Contains(p.Owner));
        return (pods, sidecars, templates);
    }

    /// <summary>
    /// The pod's owner, or, when that is a ReplicaSet or Job the input lacks, the Deployment or CronJob present that made
    /// it: a dump of Deployments and Pods without the ReplicaSets between them would otherwise report the pods as a
    /// ReplicaSet beside the Deployment's template as a second workload (<see cref="ControllerNaming"/>).
    /// </summary>
    private static WorkloadRef Maker(Dictionary<ObjectKey, OwnerReference?> controllers, Pod pod)
    {
        var owner = pod.Owner;
        if (owner.Kind is not ("ReplicaSet" or "Job") || controllers.ContainsKey(new ObjectKey(owner.Kind, owner.Namespace, owner.Name)))
            return owner;
        var hash = pod.Labels.TryGetValue("pod-template-hash", out var label) ? label : null;
        return ControllerNaming.MakerOf(owner, hash) is { } maker && controllers.ContainsKey(new ObjectKey(maker.Kind, maker.Namespace, maker.Name))
            ? maker
            : owner;
    }

    private static WorkloadRef TopOwner(Dictionary<ObjectKey, OwnerReference?> controllers, WorkloadRef owner)
    {
        var (kind, name) = (owner.Kind, owner.Name);
        for (var depth = 0; depth < MaxOwnerDepth; depth++)
        {
            if (!controllers.TryGetValue(new ObjectKey(kind, owner.Namespace, name), out var up) || up is null || up.Kind is "" or "Node")
                break;
            (kind, name) = (up.Kind, up.Name ?? name);
        }
        return new WorkloadRef(owner.Namespace, name, kind);
    }

    private static Dictionary<WorkloadRef, SidecarHint> Sidecars(IEnumerable<Pod> pods)
    {
        var sidecars = new Dictionary<WorkloadRef, SidecarHint>();
        foreach (var pod in pods)
        {
            if (pod.Sidecar is { } hint)
                sidecars[pod.Owner] = sidecars.TryGetValue(pod.Owner, out var known) ? known.Merge(hint) : hint;
        }
        return sidecars;
    }

    private MeshObjects Mesh(Dictionary<WorkloadRef, SidecarHint> sidecars) => new()
    {
        PeerAuthentications = Of<PeerAuthentication>().Select((p, i) => p with { Order = i }).ToArray(),
        DestinationRules = Of<DestinationRule>(),
        AuthorizationPolicies = Of<AuthorizationPolicy>(),
        Sidecars = sidecars.ToFrozenDictionary(),
    };
}
