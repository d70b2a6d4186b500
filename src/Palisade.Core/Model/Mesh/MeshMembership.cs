using Palisade.Labels;

namespace Palisade.Model.Mesh;

/// <summary>
/// Whether Istio runs in the cluster and which pods it covers, read from the labels and annotations its
/// injector and ambient mode act on (see docs/semantics.md, "Posture: service mesh").
/// </summary>
public static class MeshMembership
{
    /// <summary>The namespace label that turns sidecar injection on (<c>enabled</c>) or off (<c>disabled</c>).</summary>
    public const string InjectionLabel = "istio-injection";

    /// <summary>The namespace or pod label naming the control-plane revision that injects it.</summary>
    public const string RevisionLabel = "istio.io/rev";

    /// <summary>The pod label (or legacy annotation) opting a pod into or out of injection.</summary>
    public const string PodInjectLabel = "sidecar.istio.io/inject";

    /// <summary>The label the injector puts on every pod it injected.</summary>
    public const string TlsModeLabel = "security.istio.io/tlsMode";

    /// <summary>The namespace or pod label that enrols pods in ambient mode (<c>ambient</c>) or keeps them out (<c>none</c>).</summary>
    public const string DataplaneModeLabel = "istio.io/dataplane-mode";

    /// <summary>
    /// Whether Istio is present: any Istio object, a namespace enrolled by label, a pod injected or opted in,
    /// or an istiod workload.
    /// </summary>
    public static bool IsPresent(NetworkSnapshot cluster, MeshObjects mesh) =>
        mesh.HasObjects
        || cluster.Namespaces.Values.Any(n => n.Labels.TryGetValue(InjectionLabel, out var v) && v == "enabled"
                                              || n.Labels.ContainsKey(RevisionLabel)
                                              || n.Labels.TryGetValue(DataplaneModeLabel, out var m) && m == "ambient")
        || cluster.Pods.Any(p => p.Owner.Name == "istiod" || p.Labels.TryGetValue("app", out var app) && app == "istiod" || InMesh(cluster, mesh, p));

    /// <summary>
    /// Whether the pod is in the mesh: already injected, or one the injector would inject (namespace enrolled
    /// and the pod not opted out, or the pod opted in where the namespace does not disable injection), or
    /// enrolled in ambient mode. hostNetwork pods never are.
    /// </summary>
    public static bool InMesh(NetworkSnapshot cluster, MeshObjects mesh, Pod pod)
    {
        if (pod.HostNetwork)
            return false;
        var hint = mesh.Sidecars.GetValueOrDefault(pod.Owner);
        if (hint?.Injected == true || pod.Labels.ContainsKey(TlsModeLabel))
            return true;
        var ns = cluster.NamespaceLabels(pod.Namespace);
        return Sidecar(ns, pod, hint) || Ambient(ns, pod);
    }

    private static bool Sidecar(LabelSet ns, Pod pod, SidecarHint? hint)
    {
        // The injector honours the legacy annotation only to opt out: the webhook that opts pods in selects by label.
        var label = pod.Labels.TryGetValue(PodInjectLabel, out var value) ? value : null;
        if ((label ?? hint?.InjectAnnotation) == "false")
            return false;
        if (ns.TryGetValue(InjectionLabel, out var injection))
            return injection == "enabled";
        return ns.ContainsKey(RevisionLabel) || label == "true" || pod.Labels.ContainsKey(RevisionLabel);
    }

    private static bool Ambient(LabelSet ns, Pod pod) =>
        pod.Labels.TryGetValue(DataplaneModeLabel, out var own)
            ? own == "ambient"
            : ns.TryGetValue(DataplaneModeLabel, out var mode) && mode == "ambient";
}
