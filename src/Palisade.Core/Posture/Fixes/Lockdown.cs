using Palisade.Connectivity;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Posture.Fixes;

/// <summary>
/// The fix that isolates a namespace in some directions without breaking what the input shows it needs: a
/// default deny; DNS to the cluster's real DNS pods whenever egress is isolated; and for each workload it newly
/// isolates, the traffic its namespace's Services and its exposure imply (ingress on its Services' target ports
/// from its namespace and on its exposed ports from anywhere; egress to its namespace's Services, to upstream DNS
/// for DNS pods, to the API server for ServiceAccounts with RBAC). In a system namespace every declared container
/// port stays open to ingress, and the fix starts with a warning.
/// </summary>
public static class Lockdown
{
    /// <summary>Prefix of every policy a fix creates, so they are easy to find and never collide with the cluster's own.</summary>
    public const string Prefix = "palisade-";

    /// <summary>The fix text and change isolating <paramref name="ns"/> in the directions asked.</summary>
    public static (string Text, ClusterEdit Change) For(PostureContext context, string ns, bool ingress, bool egress)
    {
        var policies = new List<NetworkPolicy> { DefaultDeny(ns, ingress, egress) };
        if (egress)
            policies.Add(AllowDns(context.Network, ns));
        var open = context.WorkloadsIn(ns).Where(w => context.Engine.IsSubjectToPolicies(w.Pod)).ToArray();
        var unselectable = new List<string>();
        var shared = SharedNames(open);
        foreach (var workload in open)
        {
            var selector = StableSelector(workload.Pod);
            if (selector is null)
            {
                unselectable.Add(workload.Pod.Owner.ToString());
                continue;
            }
            if (ingress && context.IsOpen(workload, PolicyDirection.Ingress) && IngressAllowance(context, workload, selector, shared) is { } allowIn)
                policies.Add(allowIn);
            if (egress && context.IsOpen(workload, PolicyDirection.Egress) && EgressAllowance(context, workload, selector, shared) is { } allowOut)
                policies.Add(allowOut);
        }
        Distinguish(policies);
        return (PolicyYaml.Write(Comments(ns, unselectable), policies), new ApplyPolicies(policies));
    }

    /// <summary>
    /// Gives the policies distinct names, as applied to a cluster a second policy of one name replaces the first: a name
    /// left twice (a workload called default-deny beside the default deny) gets a number.
    /// </summary>
    private static void Distinguish(List<NetworkPolicy> policies)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policies.Count; i++)
        {
            var unique = policies[i].Name;
            for (var n = 2; !taken.Add(unique); n++)
                unique = $"{policies[i].Name}-{n}";
            if (unique != policies[i].Name)
                policies[i] = policies[i] with { Name = unique };
        }
    }

    /// <summary>The owner names that workloads of several kinds share (a Deployment and a StatefulSet called web).</summary>
    private static HashSet<string> SharedNames(PodEndpoint[] workloads) =>
        workloads.GroupBy(w => w.Pod.Owner.Name, StringComparer.Ordinal).Where(g => g.Select(w => w.Pod.Owner.Kind).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The fix allowing every pod of the namespace DNS to the cluster's DNS pods.</summary>
    public static (string Text, ClusterEdit Change) Dns(NetworkSnapshot cluster, string ns)
    {
        var policy = AllowDns(cluster, ns);
        return (PolicyYaml.Write([$"Lets every pod of {ns} resolve names through the cluster's DNS pods."], [policy]), new ApplyPolicies([policy]));
    }

    private static IEnumerable<string> Comments(string ns, IReadOnlyCollection<string> unselectable)
    {
        if (SystemNamespaces.Contains(ns))
        {
            yield return $"WARNING: {ns} runs the cluster's own components. This default deny keeps every container port";
            yield return "they declare open to ingress, DNS, upstream DNS for the DNS pods and the API server for ServiceAccounts";
            yield return "with RBAC; components whose RBAC or ports are not in the input lose access. Review before applying.";
        }
        yield return $"Default deny for {ns}, with the traffic the input shows its workloads need (their Services, exposure and DNS).";
        yield return "Traffic from or to other namespaces that no Service of this namespace implies is not allowed: add rules for it.";
        if (unselectable.Count > 0)
            yield return $"No stable labels select {string.Join(", ", unselectable)}: give them labels, then allow their traffic.";
    }

    private static NetworkPolicy DefaultDeny(string ns, bool ingress, bool egress)
    {
        var name = Prefix + (ingress && egress ? "default-deny-all" : ingress ? "default-deny-ingress" : "default-deny-egress");
        var types = new List<PolicyDirection>();
        if (ingress)
            types.Add(PolicyDirection.Ingress);
        if (egress)
            types.Add(PolicyDirection.Egress);
        return new NetworkPolicy(ns, name, LabelSelector.Everything) { PolicyTypes = types };
    }

    private static NetworkPolicy AllowDns(NetworkSnapshot cluster, string ns)
    {
        var servers = DnsServers.Of(cluster);
        IReadOnlyList<PolicyPeer> peers = servers
            .Select(s => (PolicyPeer)new SelectorPeer(DnsServers.Selector(s.Key, s.Value), NamespaceIs(s.Namespace)))
            .ToArray();
        return new NetworkPolicy(ns, Prefix + "allow-dns", LabelSelector.Everything)
        {
            PolicyTypes = [PolicyDirection.Egress],
            Egress = [new PolicyRule(PolicyDirection.Egress, 0, peers, DnsPorts)],
        };
    }

    private static readonly PolicyPort[] DnsPorts = [Port("UDP", 53), Port("TCP", 53)];

    private static NetworkPolicy? IngressAllowance(PostureContext context, PodEndpoint workload, LabelSelector selector, HashSet<string> shared)
    {
        var rules = new List<PolicyRule>();
        var exposed = context.Exposure(workload.Pod).All.Ports(Protocol.Tcp);
        var outside = SystemNamespaces.Contains(workload.Pod.Namespace)
            ? workload.Pod.Ports.Select(p => Port(p.Protocol.Name(), p.Port))
            : exposed.Ranges.ToArray().Select(r => PolicyPort.Create("TCP", r.Start, null, r.End == r.Start ? null : r.End, "fix"));
        var outsidePorts = outside.Distinct().ToArray();
        // A port open to every peer needs no rule for the namespace's own pods (it would be shadowed).
        var servicePorts = SystemNamespaces.Contains(workload.Pod.Namespace)
            ? []
            : ServicesOf(context.Network, workload.Pod).SelectMany(s => s.Ports).Select(TargetPort).Distinct().Except(outsidePorts).ToArray();
        if (servicePorts.Length > 0)
            rules.Add(new PolicyRule(PolicyDirection.Ingress, rules.Count, [new SelectorPeer(LabelSelector.Everything, null)], servicePorts));
        if (outsidePorts.Length > 0)
            rules.Add(new PolicyRule(PolicyDirection.Ingress, rules.Count, [], outsidePorts));
        return rules.Count == 0 ? null : Allowance(workload, selector, PolicyDirection.Ingress, rules, shared);
    }

    private static NetworkPolicy? EgressAllowance(PostureContext context, PodEndpoint workload, LabelSelector selector, HashSet<string> shared)
    {
        var rules = new List<PolicyRule>();
        var backends = context.Network.ServicesIn(workload.Pod.Namespace)
            .Where(s => s.Selector is { Count: > 0 } && !s.Selects(workload.Pod))
            .GroupBy(s => s.Selector!)
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal);
        foreach (var backend in backends)
        {
            var ports = backend.SelectMany(s => s.Ports).Select(TargetPort).Distinct().ToArray();
            if (ports.Length > 0)
                rules.Add(new PolicyRule(PolicyDirection.Egress, rules.Count, [new SelectorPeer(new LabelSelector(backend.Key.Items.OrderBy(l => l.Key, StringComparer.Ordinal).ToArray(), []), null)], ports));
        }
        if (DnsServers.IsDns(workload))
            rules.Add(new PolicyRule(PolicyDirection.Egress, rules.Count, [], DnsPorts));
        if (context.UsesApi(workload))
            rules.Add(new PolicyRule(PolicyDirection.Egress, rules.Count, [], [Port("TCP", 443), Port("TCP", 6443)]));
        return rules.Count == 0 ? null : Allowance(workload, selector, PolicyDirection.Egress, rules, shared);
    }

    /// <summary>An allowance named after its workload, and its kind when another kind of workload has the same name.</summary>
    private static NetworkPolicy Allowance(PodEndpoint workload, LabelSelector selector, PolicyDirection direction, List<PolicyRule> rules, HashSet<string> shared) =>
        new(workload.Pod.Namespace, $"{Prefix}{Truncate(workload.Pod.Owner.Name)}"
            + $"{(shared.Contains(workload.Pod.Owner.Name) ? "-" + workload.Pod.Owner.Kind.ToLowerInvariant() : "")}-{(direction == PolicyDirection.Ingress ? "ingress" : "egress")}", selector)
        {
            PolicyTypes = [direction],
            Ingress = direction == PolicyDirection.Ingress ? rules : [],
            Egress = direction == PolicyDirection.Egress ? rules : [],
        };

    private static IEnumerable<ServiceInfo> ServicesOf(NetworkSnapshot cluster, Pod pod) =>
        cluster.ServicesIn(pod.Namespace).Where(s => s.Selector is { Count: > 0 } && s.Selects(pod));

    private static PolicyPort TargetPort(ServicePort port) =>
        port.TargetPortName is { } name ? PolicyPort.Create(port.Protocol.Name(), null, name, null, "fix") : Port(port.Protocol.Name(), port.TargetPortNumber ?? port.Port);

    private static LabelSelector? StableSelector(Pod pod)
    {
        var labels = pod.Labels.Items.Where(l => !ControllerLabels.Unstable.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        return labels.Length == 0 ? null : new LabelSelector(labels, []);
    }

    private static LabelSelector NamespaceIs(string ns) => new([new(NamespaceInfo.NameLabel, ns)], []);

    private static PolicyPort Port(string protocol, int number) => PolicyPort.Create(protocol, number, null, null, "fix");

    // Policy names are DNS subdomains of at most 253 characters; long workload names are cut to stay readable.
    private static string Truncate(string name) => name.Length <= 200 ? name : name[..200];
}
