using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>host-network-pod</c>: a Pod created with <c>hostNetwork: true</c>, or a workload whose pod template gains
/// it. What a controller creates (a pod, a ReplicaSet, a Job) is not reported again: not when its workload was
/// reported in the same log, nor when its owner was already on the host network before (a DaemonSet such as
/// node-exporter getting a pod on a new node), nor for a Node's mirror pods (the kubelet's static pods).
/// </summary>
public sealed class HostNetworkPod : IAuditRule
{
    // The workloads and controlling owners reported, by kind too: a Deployment and a DaemonSet of one name are two objects.
    private readonly HashSet<ObjectKey> _reported = [];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL908", "host-network-pod", "Pod on the host network", Severity.High, "audit",
            "A pod on the host's network is outside every network policy and can reach the node's services and other pods' traffic."),
        ["T1611"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        // A status write cannot change a pod's spec nor a template.
        if (request.Event.ObjectRef?.Subresource is not null || request.Write is not { } write || !Worth(write, request.Event)
            || !Bodies.Judged(write, out var before, out var after, out var beforeKnown))
            return;
        if (write.Key.Kind == "Pod" && write.AfterKnown && write.Created && Bodies.True(after, "spec", "hostNetwork") && !Again(request.Event, write, after, request.Before))
        {
            // The next pods of the same controller (an owner the state does not know) are this news again.
            if (Controller(after) is { Kind: { } kind } owner)
                _reported.Add(new ObjectKey(kind, write.Key.Namespace, owner.Name));
            context.Raise(this, request, $"{request.Event.Actor} created {request.ObjectText} on the host network");
        }
        else if (Bodies.PodTemplate.TryGetValue(write.Key.Kind, out var template)
            && Bodies.True(after, [.. template, "spec", "hostNetwork"]) && !Bodies.True(before, [.. template, "spec", "hostNetwork"])
            && (beforeKnown || PatchScope.Touches(request.Event, [.. template, "spec", "hostNetwork"])))
        {
            // The ReplicaSet a reported Deployment's controller creates carries the same template: the same change, not a new one.
            // So is a reported workload seen again from an unknown past (a GitOps controller re-applying it, a patch repeated, an
            // update after a write logged without body): only a template known to lack hostNetwork (a request that set it false)
            // can gain it anew.
            var again = Again(request.Event, write, after, request.Before)
                || !beforeKnown && _reported.Contains(write.Key) && Bodies.At(before, [.. template, "spec", "hostNetwork"]) is null;
            _reported.Add(write.Key);
            if (!again)
                context.Raise(this, request, $"{request.Event.Actor} {Verbs.Past(request.Event.Verb)} {request.ObjectText} with its pods on the host network");
        }
    }

    /// <summary>
    /// Whether the write can raise at all, told before any body is parsed: a pod created (with its body), or a workload;
    /// of a workload whose body after a patch is unknown, only a merge patch that sets the template's hostNetwork (read
    /// from its text) or a JSON Patch.
    /// </summary>
    private static bool Worth(ObjectWrite write, AuditEvent e)
    {
        if (write.Key.Kind == "Pod")
            return write.AfterKnown;
        if (!Bodies.PodTemplate.TryGetValue(write.Key.Kind, out var template))
            return false;
        return write.AfterKnown || e.RequestBody is not { Kind: JsonValueKind.Object } sent || sent.IsTrue([.. template, "spec", "hostNetwork"]);
    }

    /// <summary>
    /// Whether the object belongs to a controller whose host network is no news: a workload reported here (the same kind and name,
    /// or a ReplicaSet named after its Deployment), an owner whose template already had it, or a Node (a mirror pod).
    /// A controller's later update of what it created (a ReplicaSet whose create was logged without body) is no news either.
    /// An owner of a kind Kubernetes' own controllers (or a kubelet) manage counts only when the control plane made the request:
    /// a user creating a pod from a copied controller pod's manifest keeps its ownerReferences, but created the pod itself.
    /// </summary>
    private bool Again(AuditEvent e, ObjectWrite write, JsonNode body, ObjectStore state)
    {
        if (Bodies.At(body, "metadata", "ownerReferences") is not JsonArray owners)
            return false;
        var ns = write.Key.Namespace;
        foreach (var owner in owners)
        {
            if (!Bodies.True(owner, "controller") || Bodies.Text(owner, "name") is not { } name || Bodies.Text(owner, "kind") is not { } kind
                || BuiltInOwners.Contains(kind) && !e.MadeAndPerformedBy(IsController))
                continue;
            if (kind == "Node")
                return true;
            var ownerKey = new ObjectKey(kind, ns, name);
            var maker = MakerOf(ownerKey);
            if (state.Get(ownerKey) is { } known
                ? Bodies.PodTemplate.TryGetValue(kind, out var template) && Bodies.True(known, [.. template, "spec", "hostNetwork"])
                : HasHostNetworkPod(state, ns, kind, name) || maker is not null && state.Get(maker) is { } workload
                    && Bodies.True(workload, [.. Bodies.PodTemplate[maker.Kind], "spec", "hostNetwork"]))
                return true;
            if (_reported.Contains(ownerKey) || maker is not null && _reported.Contains(maker))
                return true;
        }
        return false;
    }

    // The kinds whose objects only the control plane creates: the kube-controller-manager's controllers and the kubelet's mirror pods.
    private static readonly HashSet<string> BuiltInOwners = ["DaemonSet", "ReplicaSet", "StatefulSet", "Job", "ReplicationController", "Deployment", "CronJob", "Node"];

    /// <summary>
    /// Whether the user is one the built-in controllers run as: the kube-controller-manager's own identity, its per-controller
    /// service accounts in kube-system (<c>--use-service-account-credentials</c>), or a kubelet.
    /// </summary>
    private static bool IsController(string user) =>
        Bodies.IsControlPlane(user) || user.StartsWith("system:serviceaccount:kube-system:", StringComparison.Ordinal);

    /// <summary>
    /// The workload whose controller made an owner, told by the owner's name: a Deployment's ReplicaSet is the workload's
    /// name and the template's hash, a CronJob's Job its name and the scheduled time, one segment without a dash (so the
    /// ReplicaSet of <c>web-api</c> is not <c>web</c>'s); null for other owners (a DaemonSet or StatefulSet owns its pods
    /// under its own name). A cluster of manifests holds the workload, never what its controller made of it, so a
    /// host-network Deployment rolling out is no news.
    /// </summary>
    private static ObjectKey? MakerOf(ObjectKey owner)
    {
        var workloadKind = owner.Kind switch { "ReplicaSet" => "Deployment", "Job" => "CronJob", _ => null };
        var dash = owner.Name.LastIndexOf('-');
        return workloadKind is not null && dash > 0 && dash < owner.Name.Length - 1 ? new ObjectKey(workloadKind, owner.Namespace, owner.Name[..dash]) : null;
    }

    /// <summary>
    /// Whether the state holds a pod on the host network that the same owner controls: a dump of pods without their
    /// DaemonSet still shows that the owner's pods ran there before (a kube-proxy pod for a new node). Only asked for
    /// a controller's host-network pod whose owner is not in the state, which is rare, so the state is scanned.
    /// </summary>
    private static bool HasHostNetworkPod(ObjectStore state, string? ns, string ownerKind, string ownerName)
    {
        foreach (var (key, body) in state.Objects)
        {
            if (key.Kind == "Pod" && key.Namespace == ns && Bodies.True(body, "spec", "hostNetwork") && IsControlledBy(body, ownerKind, ownerName))
                return true;
        }
        return false;
    }

    /// <summary>The kind and name of the body's controlling owner (Kubernetes allows one), if it has one.</summary>
    private static (string? Kind, string Name)? Controller(JsonNode body)
    {
        if (Bodies.At(body, "metadata", "ownerReferences") is JsonArray owners)
        {
            foreach (var owner in owners)
            {
                if (Bodies.True(owner, "controller") && Bodies.Text(owner, "name") is { } name)
                    return (Bodies.Text(owner, "kind"), name);
            }
        }
        return null;
    }

    private static bool IsControlledBy(JsonNode body, string kind, string name) => Controller(body) == (kind, name);
}
