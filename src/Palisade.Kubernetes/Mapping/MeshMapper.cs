using System.Collections.Frozen;
using System.Globalization;
using Palisade.Kubernetes.Crds;
using Palisade.Labels;
using Palisade.Model.Mesh;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Maps Istio's PeerAuthentication, DestinationRule and AuthorizationPolicy into Core's mesh records, rejecting
/// the enum values and port keys Istio's validation rejects.
/// </summary>
internal static class MeshMapper
{
    public static PeerAuthentication Map(PeerAuthenticationObject o, FieldLocations locations)
    {
        var (ns, name) = Names(o.Metadata, "PeerAuthentication", locations);
        var spec = o.Spec ?? new PeerAuthenticationSpec();
        var selector = Selector(spec.Selector);
        var ports = new Dictionary<int, MtlsMode>();
        if (spec.PortLevelMtls is { Count: > 0 } portLevel)
        {
            if (selector is null)
                throw Invalid(locations, "PeerAuthentication", ns, name, "spec.portLevelMtls",
                    "port-level mTLS requires a selector with labels (Istio rejects it on namespace- and mesh-wide policies)");
            foreach (var (key, setting) in portLevel)
            {
                var field = $"spec.portLevelMtls.{key}";
                if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    throw Invalid(locations, "PeerAuthentication", ns, name, field, $"\"{key}\" is not a port number (1-65535)");
                ports[port] = Mtls(setting?.Mode, locations, ns, name, field + ".mode");
            }
        }
        return new PeerAuthentication(ns, name, selector, Mtls(spec.Mtls?.Mode, locations, ns, name, "spec.mtls.mode"))
        {
            PortLevel = ports.ToFrozenDictionary(),
            Created = o.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            Location = locations.Object,
        };
    }

    public static DestinationRule Map(DestinationRuleObject o, FieldLocations locations)
    {
        var (ns, name) = Names(o.Metadata, "DestinationRule", locations);
        var spec = o.Spec ?? new DestinationRuleSpec();
        if (string.IsNullOrEmpty(spec.Host))
            throw Invalid(locations, "DestinationRule", ns, name, "spec.host", "required");
        var tls = new List<DestinationTls>();
        void Policy(DestinationTrafficPolicy? policy, string field, string? subset)
        {
            if (policy?.Tls is { } own)
                tls.Add(Tls(own, field + ".tls", null, subset));
            foreach (var (port, i) in (policy?.PortLevelSettings ?? []).Select((p, i) => (p, i)))
            {
                if (port.Tls is { } portTls)
                    tls.Add(Tls(portTls, $"{field}.portLevelSettings[{i}].tls", port.Port?.Number, subset));
            }
        }
        DestinationTls Tls(DestinationClientTls setting, string field, int? port, string? subset) => setting.Mode switch
        {
            // The proto's default mode is DISABLE: a tls block without a mode originates no TLS.
            null or "" or "DISABLE" => new DestinationTls(setting.Mode is null or "" ? field : field + ".mode", DestinationTlsMode.Disable, port, subset),
            "SIMPLE" => new DestinationTls(field + ".mode", DestinationTlsMode.Simple, port, subset),
            "MUTUAL" => new DestinationTls(field + ".mode", DestinationTlsMode.Mutual, port, subset),
            "ISTIO_MUTUAL" => new DestinationTls(field + ".mode", DestinationTlsMode.IstioMutual, port, subset),
            _ => throw Invalid(locations, "DestinationRule", ns, name, field + ".mode", $"unrecognized TLS mode \"{setting.Mode}\" (DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL)"),
        };
        Policy(spec.TrafficPolicy, "spec.trafficPolicy", null);
        foreach (var (subset, i) in (spec.Subsets ?? []).Select((s, i) => (s, i)))
            Policy(subset.TrafficPolicy, $"spec.subsets[{i}].trafficPolicy", string.IsNullOrEmpty(subset.Name) ? $"#{i}" : subset.Name);
        return new DestinationRule(ns, name, spec.Host)
        {
            Tls = tls,
            ExportTo = spec.ExportTo?.ToArray() ?? [],
            Location = locations.Object,
        };
    }

    public static AuthorizationPolicy Map(AuthorizationPolicyObject o, FieldLocations locations)
    {
        var (ns, name) = Names(o.Metadata, "AuthorizationPolicy", locations);
        var spec = o.Spec ?? new AuthorizationPolicySpec();
        var action = spec.Action switch
        {
            null or "" or "ALLOW" => AuthorizationAction.Allow,
            "DENY" => AuthorizationAction.Deny,
            "AUDIT" => AuthorizationAction.Audit,
            "CUSTOM" => AuthorizationAction.Custom,
            _ => throw Invalid(locations, "AuthorizationPolicy", ns, name, "spec.action", $"unrecognized action \"{spec.Action}\" (ALLOW, DENY, AUDIT, CUSTOM)"),
        };
        var rules = spec.Rules ?? [];
        return new AuthorizationPolicy(ns, name, Selector(spec.Selector), action, rules.Count)
        {
            EmptyRules = rules.Select((r, i) => (r, i)).Where(x => x.r.From is not { Count: > 0 } && x.r.To is not { Count: > 0 } && x.r.When is not { Count: > 0 }).Select(x => x.i).ToArray(),
            Location = locations.Object,
        };
    }

    // Istio treats a selector without labels as no selector: the policy covers the namespace (or the mesh).
    private static LabelSet? Selector(IstioWorkloadSelector? selector) =>
        selector?.MatchLabels is { Count: > 0 } labels ? LabelSet.From(labels) : null;

    private static MtlsMode Mtls(string? mode, FieldLocations locations, string ns, string name, string field) => mode switch
    {
        null or "" or "UNSET" => MtlsMode.Unset,
        "DISABLE" => MtlsMode.Disable,
        "PERMISSIVE" => MtlsMode.Permissive,
        "STRICT" => MtlsMode.Strict,
        _ => throw Invalid(locations, "PeerAuthentication", ns, name, field, $"unrecognized mTLS mode \"{mode}\" (UNSET, DISABLE, PERMISSIVE, STRICT)"),
    };

    private static (string Namespace, string Name) Names(k8s.Models.V1ObjectMeta? metadata, string kind, FieldLocations locations) =>
        (ObjectNames.Namespace(metadata), ObjectNames.Require(metadata, kind, locations));

    private static InvalidInputException Invalid(FieldLocations locations, string kind, string ns, string name, string field, string problem) =>
        new(locations.Of(field), $"{kind} {ns}/{name}", field, problem);
}
