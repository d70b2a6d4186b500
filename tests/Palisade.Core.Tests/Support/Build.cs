using System.Net;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Core.Tests.Support;

/// <summary>Terse constructors for the Core model, so tests read like the manifests they stand for.</summary>
internal static class Build
{
    /// <summary><c>"a=b,c=d"</c> → labels.</summary>
    public static LabelSet Labels(string text) =>
        LabelSet.From(Pairs(text).Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    /// <summary><c>"app=web"</c> → a matchLabels selector; <c>""</c> → the empty selector.</summary>
    public static LabelSelector Sel(string matchLabels, params SelectorRequirement[] expressions) =>
        new(Pairs(matchLabels).ToArray(), expressions);

    public static SelectorRequirement Expr(string key, SelectorOperator op, params string[] values) => new(key, op, values);

    /// <summary>A podSelector-only peer (the policy's namespace).</summary>
    public static SelectorPeer Pods(string podLabels) => new(Sel(podLabels), null);

    /// <summary>A namespaceSelector-only peer.</summary>
    public static SelectorPeer Namespaces(string nsLabels) => new(null, Sel(nsLabels));

    /// <summary>An AND peer.</summary>
    public static SelectorPeer PodsIn(string nsLabels, string podLabels) => new(Sel(podLabels), Sel(nsLabels));

    public static IpBlockPeer Cidr(string cidr, params string[] except) => IpBlockPeer.Create(cidr, except, "test");

    /// <summary><c>"TCP 80"</c>, <c>"UDP 53-60"</c>, <c>"TCP http"</c>, <c>"SCTP"</c> (every port), <c>"80"</c> (TCP).</summary>
    public static PolicyPort Port(string spec)
    {
        var parts = spec.Split(' ');
        (string? protocol, string? port) = parts.Length == 2 ? (parts[0], parts[1]) : char.IsAsciiDigit(spec[0]) ? ((string?)null, (string?)spec) : (spec, null);
        if (port is null)
            return PolicyPort.Create(protocol, null, null, null, "test");
        var dash = port.IndexOf('-');
        if (dash > 0)
            return PolicyPort.Create(protocol, int.Parse(port[..dash]), null, int.Parse(port[(dash + 1)..]), "test");
        return int.TryParse(port, out var n)
            ? PolicyPort.Create(protocol, n, null, null, "test")
            : PolicyPort.Create(protocol, null, port, null, "test");
    }

    public static PolicyRule Rule(PolicyDirection direction, int index, IEnumerable<PolicyPeer> peers, params string[] ports) =>
        new(direction, index, peers.ToArray(), ports.Select(Port).ToArray());

    public static PolicyRule From(PolicyPeer[] from, params string[] ports) => Rule(PolicyDirection.Ingress, 0, from, ports);

    public static PolicyRule To(PolicyPeer[] to, params string[] ports) => Rule(PolicyDirection.Egress, 0, to, ports);

    /// <summary>A policy; <paramref name="types"/> null means policyTypes omitted.</summary>
    public static NetworkPolicy NetPol(string nsName, string podSelector, PolicyDirection[]? types = null,
        PolicyRule[]? ingress = null, PolicyRule[]? egress = null)
    {
        var (ns, name) = Split(nsName);
        return new NetworkPolicy(ns, name, Sel(podSelector))
        {
            PolicyTypes = types,
            Ingress = Reindex(ingress ?? []),
            Egress = Reindex(egress ?? []),
        };
    }

    /// <summary>An AdminNetworkPolicy (or, with <paramref name="tier"/> Baseline, the BANP).</summary>
    public static AdminNetworkPolicy Anp(string name, int priority, AdminSubject subject, AdminRule[]? ingress = null, AdminRule[]? egress = null, AdminTier tier = AdminTier.Admin) =>
        new(tier == AdminTier.Admin ? "AdminNetworkPolicy" : "BaselineAdminNetworkPolicy", name, tier, priority, subject)
        {
            Ingress = (ingress ?? []).Select((r, i) => r with { Index = i, Direction = PolicyDirection.Ingress }).ToArray(),
            Egress = (egress ?? []).Select((r, i) => r with { Index = i, Direction = PolicyDirection.Egress }).ToArray(),
        };

    /// <summary>Pods selected by namespace labels and, optionally, pod labels.</summary>
    public static AdminSubject Subject(string namespaceLabels, string? podLabels = null) =>
        new(Sel(namespaceLabels), podLabels is null ? null : Sel(podLabels));

    /// <summary>A cluster-scoped rule; ports as <c>"TCP 80"</c>, <c>"UDP 53-60"</c> or <c>"named http"</c>.</summary>
    public static AdminRule Admin(AdminAction action, AdminPeer[] peers, params string[] ports) =>
        new(PolicyDirection.Ingress, 0, null, action, peers, ports.Select(AdminPortOf).ToArray());

    public static AdminPodPeer PodsOf(string namespaceLabels, string? podLabels = null) => new(Subject(namespaceLabels, podLabels));

    public static AdminNetworksPeer Networks(params string[] cidrs) =>
        new(cidrs, Palisade.Net.IpSet.Of(cidrs.Select(c => { Palisade.Net.IpRange.TryParseCidr(c, out var r); return r; })));

    private static AdminPort AdminPortOf(string spec)
    {
        var parts = spec.Split(' ');
        if (parts[0] == "named")
            return AdminPort.Named(parts[1]);
        var range = parts[1].Split('-');
        return AdminPort.Range(parts[0], int.Parse(range[0]), int.Parse(range[^1]), "test");
    }

    /// <summary><c>"http:8080/TCP,dns:53/UDP,9090"</c> → container ports.</summary>
    public static ContainerPort[] Ports(string text) => text.Length == 0 ? [] : text.Split(',').Select(p =>
    {
        var colon = p.IndexOf(':');
        var name = colon > 0 ? p[..colon] : null;
        var rest = p[(colon + 1)..].Split('/');
        Protocols.TryParse(rest.Length > 1 ? rest[1] : null, out var protocol);
        return new ContainerPort(name, int.Parse(rest[0]), protocol);
    }).ToArray();

    public static Pod Pod(string nsName, string labels = "", string ports = "", string ips = "", bool hostNetwork = false)
    {
        var (ns, name) = Split(nsName);
        return new Pod(ns, name, Labels(labels), new WorkloadRef(ns, name, "Deployment"))
        {
            Ports = Ports(ports),
            Addresses = ips.Length == 0 ? [] : ips.Split(',').Select(IPAddress.Parse).ToArray(),
            HostNetwork = hostNetwork,
            FromTemplate = true,
        };
    }

    public static (string Ns, string Name) Split(string nsName)
    {
        var slash = nsName.IndexOf('/');
        return (nsName[..slash], nsName[(slash + 1)..]);
    }

    private static PolicyRule[] Reindex(PolicyRule[] rules) => rules.Select((r, i) => r with { Index = i }).ToArray();

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=');
            return new KeyValuePair<string, string>(p[..eq], p[(eq + 1)..]);
        });
}
