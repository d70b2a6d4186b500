using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Palisade.Core.Tests.Support;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Core.Tests.Reference;

/// <summary>
/// FsCheck generators of small clusters whose labels, ports, CIDRs and selectors are drawn from small
/// pools, so that selectors often match, named ports often resolve and ipBlocks overlap.
/// </summary>
public static class ClusterGenerators
{
    /// <summary>The namespaces pods and policies live in.</summary>
    internal static readonly string[] NamespaceNames = ["ns0", "ns1", "ns2"];
    private static readonly string[] Keys = ["app", "tier", "env", "team"];
    private static readonly string[] Values = ["a", "b", "c", "x"];
    private static readonly string[] ContainerPortPool = ["http:80/TCP", "web:8080/TCP", "dns:53/UDP", "sig:9000/SCTP", "alt:81/TCP", "http:8081/UDP"];
    private static readonly string[] PolicyPortPool = ["TCP 80", "UDP 53", "TCP 8000-8100", "SCTP", "TCP http", "UDP dns", "TCP web", "SCTP sig", "81", "UDP http", "TCP nosuch"];
    private static readonly string[][] IpBlockPool =
    [
        ["10.0.0.0/24"], ["10.0.0.0/16", "10.0.0.0/28"], ["0.0.0.0/0", "10.0.0.0/8"], ["172.16.0.0/12"],
        ["10.0.0.128/25"], ["2001:db8::/32", "2001:db8::/64"],
    ];
    private static readonly string[] AddressPool = ["10.0.0.5", "10.0.0.200", "10.0.1.7", "172.16.3.4", "192.168.0.9", "2001:db8::5", "2001:db8:1::5"];

    /// <summary>The arbitrary FsCheck uses for <see cref="GeneratedCase"/>.</summary>
    public static Arbitrary<GeneratedCase> Cases() => Arb.From(Case);

    private static Gen<T[]> Between<T>(Gen<T> gen, int min, int max) => Gen.Choose(min, max).SelectMany(n => gen.ArrayOf(n));

    /// <summary>Up to three labels from the pools.</summary>
    internal static Gen<LabelSet> Labels =>
        from pairs in Between(from k in Gen.Elements(Keys) from v in Gen.Elements(Values) select (k, v), 0, 3)
        select LabelSet.From(pairs.DistinctBy(p => p.k).Select(p => new KeyValuePair<string, string>(p.k, p.v)));

    private static Gen<SelectorRequirement> Requirement =>
        from key in Gen.Elements(Keys)
        from op in Gen.Elements(SelectorOperator.In, SelectorOperator.NotIn, SelectorOperator.Exists, SelectorOperator.DoesNotExist)
        from values in Between(Gen.Elements(Values), 1, 2)
        select new SelectorRequirement(key, op, op is SelectorOperator.In or SelectorOperator.NotIn ? values.Distinct().ToArray() : []);

    private static Gen<LabelSelector> Selector =>
        from labels in Between(from k in Gen.Elements(Keys) from v in Gen.Elements(Values) select new KeyValuePair<string, string>(k, v), 0, 1)
        from expressions in Between(Requirement, 0, 1)
        select new LabelSelector(labels, expressions);

    private static Gen<LabelSelector> NamespaceSelector => Gen.Frequency(
        (3, Selector),
        (1, Gen.Elements(NamespaceNames).Select(n => new LabelSelector([new(NamespaceInfo.NameLabel, n)], []))));

    private static Gen<PolicyPeer> Peer => Gen.Frequency(
        (3, Selector.Select(p => (PolicyPeer)new SelectorPeer(p, null))),
        (2, NamespaceSelector.Select(n => (PolicyPeer)new SelectorPeer(null, n))),
        (2, from p in Selector from n in NamespaceSelector select (PolicyPeer)new SelectorPeer(p, n)),
        (2, Gen.Elements(IpBlockPool).Select(b => (PolicyPeer)Build.Cidr(b[0], b[1..]))));

    private static Gen<PolicyRule> Rule(PolicyDirection direction) =>
        from peers in Between(Peer, 0, 2)
        from ports in Between(Gen.Elements(PolicyPortPool).Select(Build.Port), 0, 2)
        select new PolicyRule(direction, 0, peers, ports);

    /// <summary>A random NetworkPolicy over the pools.</summary>
    internal static Gen<NetworkPolicy> Policy =>
        from ns in Gen.Elements(NamespaceNames)
        from selector in Selector
        from types in Gen.Elements<PolicyDirection[]?>(null, [PolicyDirection.Ingress], [PolicyDirection.Egress], [PolicyDirection.Ingress, PolicyDirection.Egress])
        from ingress in Between(Rule(PolicyDirection.Ingress), 0, 2)
        from egress in Between(Rule(PolicyDirection.Egress), 0, 2)
        from id in Gen.Choose(0, 1_000_000)
        select new NetworkPolicy(ns, $"np{id}", selector)
        {
            PolicyTypes = types,
            Ingress = ingress.Select((r, i) => r with { Index = i }).ToArray(),
            Egress = egress.Select((r, i) => r with { Index = i }).ToArray(),
        };

    private static Gen<AdminSubject> AdminSelection =>
        from ns in Selector
        from pods in Gen.Frequency((1, Gen.Constant<LabelSelector?>(null)), (2, Selector.Select(p => (LabelSelector?)p)))
        select new AdminSubject(ns, pods);

    private static Gen<AdminPort> AdminPortGen => Gen.Elements(
        AdminPort.Range("TCP", 80, 80, "g"), AdminPort.Range("UDP", 53, 53, "g"), AdminPort.Range("TCP", 8000, 8100, "g"),
        AdminPort.Range("SCTP", 1, 65535, "g"), AdminPort.Named("http"), AdminPort.Named("dns"), AdminPort.Named("nosuch"));

    private static Gen<AdminRule> AdminRuleGen(PolicyDirection direction, AdminTier tier) =>
        from action in tier == AdminTier.Admin ? Gen.Elements(AdminAction.Allow, AdminAction.Deny, AdminAction.Pass) : Gen.Elements(AdminAction.Allow, AdminAction.Deny)
        from peers in Between(direction == PolicyDirection.Egress
            ? Gen.Frequency((3, AdminSelection.Select(a => (AdminPeer)new AdminPodPeer(a))), (1, Gen.Elements(IpBlockPool).Select(b => (AdminPeer)Support.Build.Networks(b[0]))))
            : AdminSelection.Select(a => (AdminPeer)new AdminPodPeer(a)), 1, 2)
        from ports in Between(AdminPortGen, 0, 2)
        select new AdminRule(direction, 0, null, action, peers, ports);

    private static Gen<AdminNetworkPolicy> AdminPolicyGen(AdminTier tier, int priority) =>
        from subject in AdminSelection
        from ingress in Between(AdminRuleGen(PolicyDirection.Ingress, tier), 0, 2)
        from egress in Between(AdminRuleGen(PolicyDirection.Egress, tier), 0, 2)
        select new AdminNetworkPolicy(tier == AdminTier.Admin ? "AdminNetworkPolicy" : "BaselineAdminNetworkPolicy",
            tier == AdminTier.Admin ? $"anp{priority}" : "default", tier, priority, subject)
        {
            Ingress = ingress.Select((r, i) => r with { Index = i }).ToArray(),
            Egress = egress.Select((r, i) => r with { Index = i }).ToArray(),
        };

    private static Gen<AdminNetworkPolicy[]> AdminPolicies =>
        from count in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(1, 3)))
        from admin in Gen.CollectToArray(Enumerable.Range(0, count).Select(i => AdminPolicyGen(AdminTier.Admin, i * 10)))
        from baseline in Gen.Frequency((2, Gen.Constant(Array.Empty<AdminNetworkPolicy>())), (1, AdminPolicyGen(AdminTier.Baseline, 0).Select(b => new[] { b })))
        select admin.Concat(baseline).ToArray();

    /// <summary>A random pod named <c>pod{index}</c>, its own workload.</summary>
    internal static Gen<Pod> PodIn(int index) =>
        from ns in Gen.Elements(NamespaceNames)
        from labels in Labels
        from ports in Gen.SubListOf(ContainerPortPool)
        from ips in Gen.SubListOf(AddressPool)
        from hostNetwork in Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Pod(ns, $"pod{index}", labels, new WorkloadRef(ns, $"pod{index}", "Deployment"))
        {
            HostNetwork = hostNetwork,
            Ports = Build.Ports(string.Join(",", ports)),
            Addresses = ips.Take(2).Select(IPAddress.Parse).ToArray(),
            FromTemplate = true,
        };

    /// <summary>A random cluster and option.</summary>
    internal static Gen<GeneratedCase> Case =>
        from namespaceLabels in Labels.ArrayOf(NamespaceNames.Length)
        from podCount in Gen.Choose(1, 5)
        from pods in Gen.CollectToArray(Enumerable.Range(0, podCount).Select(PodIn))
        from policies in Between(Policy, 0, 4)
        from admin in AdminPolicies
        from podIps in Gen.Elements(true, false)
        select new GeneratedCase(
            new NetworkSnapshot(NamespaceNames.Select((n, i) => new NamespaceInfo(n, namespaceLabels[i])), pods, policies.DistinctBy(p => p.ToString()), adminPolicies: admin),
            podIps);
}
