using System.Net;
using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Model.Rbac;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Posture.DefaultPorts;

namespace Palisade.Posture.Consequences;

/// <summary>
/// What each workload's egress reaches that it should not (the cloud metadata service on TCP 80, Kubernetes
/// component ports, the API server when the workload holds no API permission, every pod, the internet), each
/// with what admits it, asked of the engine. Computed once per workload, and once for all workloads that the
/// same NetworkPolicies alone govern: egress to addresses outside the pod network depends on nothing else.
/// </summary>
public sealed class EgressConsequences
{
    /// <summary>The link-local metadata address of AWS, GCP, Azure and most other clouds.</summary>
    public static readonly IPAddress MetadataAddress = IPAddress.Parse("169.254.169.254");

    /// <summary>The port every cloud's metadata service answers HTTP on.</summary>
    public const int MetadataPort = 80;

    private const int ApiServerPort = 6443;

    // Private, shared, loopback, link-local and multicast space: what is not "the internet".
    private static readonly IpSet NotPublic = IpSet.Of(new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3",
        "::/127", "fc00::/7", "fe80::/10", "ff00::/8",
    }.Select(c => IpRange.TryParseCidr(c, out var r) ? r : throw new InvalidOperationException(c)));

    private readonly PolicyEngine _engine;
    private readonly HashSet<(string, string)> _apiClients;
    private readonly Dictionary<int, IReadOnlyList<Consequence>> _cache = [];
    private readonly Dictionary<(PolicyList Egress, bool UsesApi), IReadOnlyList<Consequence>> _byPolicies = [];
    private readonly ExternalEndpoint[] _public;

    /// <summary>Prepares the analysis; nothing is evaluated until asked.</summary>
    public EgressConsequences(PolicyEngine engine, RbacGraph rbac)
    {
        _engine = engine;
        _apiClients = ApiClients.Of(rbac, engine.Pods.Select(p => (p.Pod.Namespace, p.Pod.ServiceAccount)).Distinct());
        // NotPublic's ranges are merged, so a range lies wholly in the set exactly when it lies in one of them.
        _public = engine.ExternalDestinations.Where(r => !NotPublic.Contains(r.Range)).ToArray();
    }

    /// <summary>Whether RBAC grants the pod's ServiceAccount something, so that it calls the API server by design.</summary>
    public bool UsesApi(PodEndpoint pod) => _apiClients.Contains((pod.Pod.Namespace, pod.Pod.ServiceAccount));

    /// <summary>The workload's consequences, worst first.</summary>
    public IReadOnlyList<Consequence> Of(PodEndpoint pod)
    {
        if (_cache.TryGetValue(pod.Index, out var known))
            return known;
        // Admin tiers select by namespace and labels, so a pod they govern is computed on its own.
        var shared = _engine.IsSubjectToPolicies(pod.Pod) && !_engine.TiersGovern(pod, PolicyDirection.Egress)
            ? (new PolicyList(_engine.PoliciesSelecting(pod, PolicyDirection.Egress)), UsesApi(pod))
            : default((PolicyList, bool)?);
        if (shared is { } key && _byPolicies.TryGetValue(key, out known))
            return _cache[pod.Index] = known;
        var result = Compute(pod);
        if (shared is { } newKey)
            _byPolicies[newKey] = result;
        return _cache[pod.Index] = result;
    }

    private Consequence[] Compute(PodEndpoint pod)
    {
        var found = new List<Consequence>();
        Metadata(pod, found);
        ControlPlane(pod, found);
        EveryPod(pod, found);
        Internet(pod, found);
        return found.OrderBy(c => c.Kind).ToArray();
    }

    private void Metadata(PodEndpoint pod, List<Consequence> found)
    {
        var side = _engine.Evaluate(pod, new ExternalEndpoint(IpRange.Single(MetadataAddress))).Egress;
        if (side.Allowed.Contains(Protocol.Tcp, MetadataPort))
            found.Add(Make(ConsequenceKind.MetadataService, Severity.High, "the cloud metadata service", side, c => c.Contains(Protocol.Tcp, MetadataPort)));
    }

    private void ControlPlane(PodEndpoint pod, List<Consequence> found)
    {
        var open = new SortedSet<int>();
        DirectionVerdict? any = null;
        var admitting = new List<RuleMatch>();
        foreach (var range in _engine.ExternalDestinations)
        {
            var allowed = _engine.Allowed(pod, range);
            if (allowed.IsEmpty)
                continue;
            var ports = WellKnownPorts.Components.Keys.Where(p => allowed.Contains(Protocol.Tcp, p)).ToArray();
            if (ports.Length == 0)
                continue;
            var side = _engine.Evaluate(pod, range).Egress;
            any ??= side;
            open.UnionWith(ports);
            admitting.AddRange(side.Matches.Where(m => ports.Any(p => m.Connections.Contains(Protocol.Tcp, p))));
        }
        if (any is null)
            return;
        if (UsesApi(pod))
            open.Remove(ApiServerPort);
        var isOpen = any.IsOpen;
        if (open.Any(p => p != ApiServerPort))
        {
            var names = open.Where(p => p != ApiServerPort).GroupBy(p => WellKnownPorts.Components[p]).Select(g => $"{g.Key} {string.Join("/", g)}");
            found.Add(new Consequence(ConsequenceKind.ComponentPorts, Severity.Medium, $"Kubernetes component ports ({string.Join(", ", names)})", isOpen, admitting.Distinct().ToArray()));
        }
        else if (open.Contains(ApiServerPort))
        {
            found.Add(new Consequence(ConsequenceKind.ApiServer, Severity.Low, "the API server port 6443 (its ServiceAccount has no RBAC permission)", isOpen, admitting.Distinct().ToArray()));
        }
    }

    private void EveryPod(PodEndpoint pod, List<Consequence> found)
    {
        if (!_engine.IsSubjectToPolicies(pod.Pod) || _engine.TiersGovern(pod, PolicyDirection.Egress))
            return;
        var selecting = _engine.PoliciesSelecting(pod, PolicyDirection.Egress);
        if (selecting.Count == 0)
        {
            found.Add(new Consequence(ConsequenceKind.EveryPod, Severity.Medium, "every pod in the cluster", true, []));
            return;
        }
        var rules = selecting.SelectMany(p => p.Egress.Where(r => RuleBreadth.AllowAll(r) is "any peer" or "every pod in the cluster")
            .Select(r => new RuleMatch(p, r, ConnectionSet.All))).ToArray();
        if (rules.Length > 0)
            found.Add(new Consequence(ConsequenceKind.EveryPod, Severity.Medium, "every pod in the cluster", false, rules));
    }

    private void Internet(PodEndpoint pod, List<Consequence> found)
    {
        DirectionVerdict? any = null;
        var admitting = new List<RuleMatch>();
        foreach (var range in _public)
        {
            if (_engine.Allowed(pod, range).IsEmpty)
                continue;
            var side = _engine.Evaluate(pod, range).Egress;
            any ??= side;
            admitting.AddRange(side.Matches);
        }
        if (any is not null)
            found.Add(new Consequence(ConsequenceKind.Internet, Severity.Low, "the internet", any.IsOpen, admitting.Distinct().ToArray()));
    }

    private static Consequence Make(ConsequenceKind kind, Severity severity, string text, DirectionVerdict side, Func<ConnectionSet, bool> relevant) =>
        new(kind, severity, text, side.IsOpen, side.Matches.Where(m => relevant(m.Connections)).ToArray());

    /// <summary>A list of policies compared by the identity of its elements: the engine hands out the same instances.</summary>
    private readonly record struct PolicyList(IReadOnlyList<NetworkPolicy> Policies)
    {
        public bool Equals(PolicyList other)
        {
            if (Policies.Count != other.Policies.Count)
                return false;
            for (var i = 0; i < Policies.Count; i++)
            {
                if (!ReferenceEquals(Policies[i], other.Policies[i]))
                    return false;
            }
            return true;
        }

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var policy in Policies)
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(policy));
            return hash.ToHashCode();
        }
    }
}
