using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>exposure-change</c>: a Service created as or changed to NodePort or LoadBalancer, a Service whose
/// externalIPs gain an address, an Ingress created or its rules or TLS changed. Judged on the replayed
/// object, so an update or a patch counts as much as a create.
/// </summary>
public sealed class ExposureChange : IAuditRule
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL904", "exposure-change", "Workload exposed outside the cluster", Severity.Medium, "audit",
            "A NodePort, LoadBalancer, external IP or Ingress puts a workload in reach of networks outside the cluster, where policies often do not look."),
        ["T1133", "T1190"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        // A status write (the load balancer's address) cannot change the spec.
        if (request.Event.ObjectRef is not { Subresource: null } o || ResourceKinds.Qualified(o, ResourceKinds.KindOf(o.Resource)) is not (("Service" or "Ingress") and var kind))
            return;
        if (!Bodies.Judged(request.Write, out var before, out var after, out var beforeKnown))
        {
            // Creating an Ingress is the exposure: no body is needed to know it happened, whether by create or by a server-side
            // apply (Flux, Argo CD) or update answered 201 Created.
            if (kind == "Ingress" && request.Event is { Verb: "create" } or { Verb: "patch" or "update", StatusCode: 201 } && request.Write is not { Deleted: true })
                context.Raise(this, request, $"{request.Event.Actor} {Verbs.Past(request.Event.Verb)} {request.ObjectText}: Ingress created");
            return;
        }
        var reason = kind == "Service" ? ServiceReason(before, after, beforeKnown, request.Event) : IngressReason(before, after, beforeKnown, request.Event);
        if (reason is not null)
            context.Raise(this, request, $"{request.Event.Actor} {Verbs.Past(request.Event.Verb)} {request.ObjectText}: {reason}");
    }

    /// <summary>Why a Service is now exposed; with its past unknown, only what the request could have changed counts.</summary>
    private static string? ServiceReason(JsonNode? before, JsonNode after, bool beforeKnown, AuditEvent e)
    {
        var type = Bodies.Text(after, "spec", "type") ?? "ClusterIP";
        // With the past unknown, a type not known is unknown, not the default.
        var previous = before is null ? null : Bodies.Text(before, "spec", "type") ?? (beforeKnown ? "ClusterIP" : null);
        if (type is "NodePort" or "LoadBalancer" && type != previous && (beforeKnown || PatchScope.Touches(e, "spec", "type")))
            return previous is not null ? $"changed from {previous} to {type}" : beforeKnown ? $"created as {type}" : $"now {type} (its previous type is unknown)";
        var gained = Bodies.Strings(after, "spec", "externalIPs").Except(Bodies.Strings(before, "spec", "externalIPs")).ToArray();
        return gained.Length > 0 && (beforeKnown || PatchScope.Touches(e, "spec", "externalIPs")) ? $"externalIPs gained {string.Join(", ", gained)}" : null;
    }

    private static string? IngressReason(JsonNode? before, JsonNode after, bool beforeKnown, AuditEvent e)
    {
        // With the past unknown, a field the request set is a change unless earlier requests are known to have set it so.
        if (!beforeKnown)
            return Set(e, before, after, "rules") || Set(e, before, after, "tls") ? "rules and TLS set (its previous rules and TLS are unknown)" : null;
        if (before is null)
            return "Ingress created";
        var rules = !JsonNode.DeepEquals(Bodies.At(before, "spec", "rules"), Bodies.At(after, "spec", "rules"));
        var tls = !JsonNode.DeepEquals(Bodies.At(before, "spec", "tls"), Bodies.At(after, "spec", "tls"));
        return rules || tls ? $"its {(rules && tls ? "rules and TLS" : rules ? "rules" : "TLS")} changed" : null;
    }

    private static bool Set(AuditEvent e, JsonNode? known, JsonNode after, string field) =>
        PatchScope.Touches(e, "spec", field) && (Bodies.At(known, "spec", field) is not { } was || !JsonNode.DeepEquals(was, Bodies.At(after, "spec", field)));
}
