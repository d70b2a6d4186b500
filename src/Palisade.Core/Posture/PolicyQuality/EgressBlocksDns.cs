using Palisade.Connectivity;
using Palisade.Findings;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Posture.PolicyQuality;

/// <summary>
/// A workload isolated for egress that cannot reach cluster DNS on port 53: name resolution fails and the
/// workload breaks in ways that look like an outage. DNS counts as reachable through kube-dns (the pods
/// labelled <c>k8s-app=kube-dns</c> in kube-system, or a stand-in with those labels when the input has
/// none) or through any external address, which covers node-local DNS caches and upstream resolvers.
/// </summary>
public sealed class EgressBlocksDns : IPostureCheck
{
    private static readonly LabelSet DnsLabels = LabelSet.From([new("k8s-app", "kube-dns")]);

    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL206", "egress-blocks-dns", "Egress isolation blocks DNS", Severity.Medium, "policy-quality",
        "The workload is isolated for egress and no rule lets it reach kube-dns on UDP 53 (and TCP 53, which large answers and some resolvers need), so it cannot resolve names.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context)
    {
        var (engine, dns) = WithDns(context);
        // What a workload reaches of DNS also depends on the DNS pods' ingress.
        var dnsUnchanged = dns.All(server => context.Unchanged(server.Pod.Namespace));
        foreach (var workload in context.Workloads())
        {
            if (dnsUnchanged && context.Unchanged(workload.Pod.Namespace))
                continue;
            if (!engine.IsSubjectToPolicies(workload.Pod) || context.IsOpen(workload, PolicyDirection.Egress))
                continue;
            var pod = engine.Pods[workload.Index];
            var allowed = ConnectionSet.None;
            foreach (var server in dns)
                allowed = allowed.Union(engine.Allowed(pod, server));
            foreach (var external in engine.ExternalDestinations)
                allowed = allowed.Union(engine.Allowed(pod, external));
            var udp = allowed.Contains(Protocol.Udp, 53);
            var tcp = allowed.Contains(Protocol.Tcp, 53);
            if (udp && tcp)
                continue;
            (string Text, Model.Changes.ClusterEdit Change)? fix = context.OnlyCompared ? null : Fixes.Lockdown.Dns(context.Network, workload.Pod.Namespace);
            yield return new Finding(Info, PostureContext.Ref(workload.Pod),
                udp ? $"{workload.Pod.Owner} can reach DNS on UDP 53 but not TCP 53; truncated answers will fail"
                    : $"{workload.Pod.Owner} is isolated for egress and cannot reach DNS (kube-dns, UDP 53{(tcp ? "" : " and TCP 53")})",
                "Allow egress to the cluster's DNS pods on UDP and TCP 53 for every pod of the namespace.")
            {
                Severity = udp ? Severity.Low : Info.Severity,
                Fix = fix?.Text,
                FixChange = fix?.Change,
            };
        }
    }

    private static (PolicyEngine Engine, IReadOnlyList<PodEndpoint> Dns) WithDns(PostureContext context)
    {
        var present = Array.ConvertAll(Fixes.DnsServers.Among(context.Network.Pods), i => context.Engine.Pods[i]);
        if (present.Length > 0)
            return (context.Engine, present);
        var standIn = new Pod("kube-system", "kube-dns", DnsLabels, new WorkloadRef("kube-system", "kube-dns", "Deployment"))
        {
            Ports = [new ContainerPort("dns", 53, Protocol.Udp), new ContainerPort("dns-tcp", 53, Protocol.Tcp)],
            FromTemplate = true,
        };
        var c = context.Network;
        var engine = new PolicyEngine(
            new NetworkSnapshot(c.Namespaces.Values, [.. c.Pods, standIn], c.NetworkPolicies, c.Services, c.AdminPolicies, c.IngressRoutes),
            context.Engine.Options);
        return (engine, [engine.Pods[^1]]);
    }
}
