using System.Collections.Frozen;
using Palisade.Audit.Events;

namespace Palisade.Audit.Timeline;

/// <summary>
/// The Kind of an audit event's <c>objectRef.resource</c> (<c>networkpolicies</c> → NetworkPolicy) and whether
/// it is namespaced, for the resources Kubernetes and the policy, mesh and gateway projects define; others
/// take the Kind their body names, else a singular of the resource. A listed resource of a foreign API group is
/// replayed under a kind qualified by its group.
/// </summary>
public static class ResourceKinds
{
    private static readonly FrozenDictionary<string, (string Kind, bool Namespaced)> Known = new Dictionary<string, (string, bool)>
    {
        ["pods"] = ("Pod", true), ["services"] = ("Service", true), ["secrets"] = ("Secret", true), ["configmaps"] = ("ConfigMap", true),
        ["namespaces"] = ("Namespace", false), ["nodes"] = ("Node", false), ["serviceaccounts"] = ("ServiceAccount", true),
        ["endpoints"] = ("Endpoints", true), ["events"] = ("Event", true), ["persistentvolumeclaims"] = ("PersistentVolumeClaim", true),
        ["persistentvolumes"] = ("PersistentVolume", false), ["replicationcontrollers"] = ("ReplicationController", true),
        ["limitranges"] = ("LimitRange", true), ["resourcequotas"] = ("ResourceQuota", true), ["podtemplates"] = ("PodTemplate", true),
        ["componentstatuses"] = ("ComponentStatus", false), ["bindings"] = ("Binding", true),
        ["deployments"] = ("Deployment", true), ["replicasets"] = ("ReplicaSet", true), ["statefulsets"] = ("StatefulSet", true),
        ["daemonsets"] = ("DaemonSet", true), ["controllerrevisions"] = ("ControllerRevision", true),
        ["jobs"] = ("Job", true), ["cronjobs"] = ("CronJob", true),
        ["ingresses"] = ("Ingress", true), ["ingressclasses"] = ("IngressClass", false), ["networkpolicies"] = ("NetworkPolicy", true),
        ["adminnetworkpolicies"] = ("AdminNetworkPolicy", false), ["baselineadminnetworkpolicies"] = ("BaselineAdminNetworkPolicy", false),
        ["clusternetworkpolicies"] = ("ClusterNetworkPolicy", false),
        ["roles"] = ("Role", true), ["rolebindings"] = ("RoleBinding", true), ["clusterroles"] = ("ClusterRole", false),
        ["clusterrolebindings"] = ("ClusterRoleBinding", false),
        ["endpointslices"] = ("EndpointSlice", true), ["leases"] = ("Lease", true), ["storageclasses"] = ("StorageClass", false),
        ["priorityclasses"] = ("PriorityClass", false), ["horizontalpodautoscalers"] = ("HorizontalPodAutoscaler", true),
        ["poddisruptionbudgets"] = ("PodDisruptionBudget", true), ["podsecuritypolicies"] = ("PodSecurityPolicy", false),
        ["customresourcedefinitions"] = ("CustomResourceDefinition", false), ["apiservices"] = ("APIService", false),
        ["mutatingwebhookconfigurations"] = ("MutatingWebhookConfiguration", false),
        ["validatingwebhookconfigurations"] = ("ValidatingWebhookConfiguration", false),
        ["certificatesigningrequests"] = ("CertificateSigningRequest", false),
        ["tokenreviews"] = ("TokenReview", false), ["subjectaccessreviews"] = ("SubjectAccessReview", false),
        ["selfsubjectaccessreviews"] = ("SelfSubjectAccessReview", false), ["selfsubjectrulesreviews"] = ("SelfSubjectRulesReview", false),
        ["localsubjectaccessreviews"] = ("LocalSubjectAccessReview", true),
        ["routes"] = ("Route", true), ["gateways"] = ("Gateway", true), ["httproutes"] = ("HTTPRoute", true),
        ["virtualservices"] = ("VirtualService", true), ["destinationrules"] = ("DestinationRule", true),
        ["peerauthentications"] = ("PeerAuthentication", true), ["authorizationpolicies"] = ("AuthorizationPolicy", true),
        ["ciliumnetworkpolicies"] = ("CiliumNetworkPolicy", true), ["ciliumclusterwidenetworkpolicies"] = ("CiliumClusterwideNetworkPolicy", false),
        ["csinodes"] = ("CSINode", false), ["csidrivers"] = ("CSIDriver", false), ["csistoragecapacities"] = ("CSIStorageCapacity", true),
        ["volumeattachments"] = ("VolumeAttachment", false), ["runtimeclasses"] = ("RuntimeClass", false),
        ["flowschemas"] = ("FlowSchema", false), ["prioritylevelconfigurations"] = ("PriorityLevelConfiguration", false),
        ["ipaddresses"] = ("IPAddress", false), ["servicecidrs"] = ("ServiceCIDR", false),
        ["validatingadmissionpolicies"] = ("ValidatingAdmissionPolicy", false),
        ["validatingadmissionpolicybindings"] = ("ValidatingAdmissionPolicyBinding", false),
        ["selfsubjectreviews"] = ("SelfSubjectReview", false), ["resourceclaims"] = ("ResourceClaim", true),
        ["resourceclaimtemplates"] = ("ResourceClaimTemplate", true), ["deviceclasses"] = ("DeviceClass", false),
        ["resourceslices"] = ("ResourceSlice", false), ["volumesnapshots"] = ("VolumeSnapshot", true),
        ["volumesnapshotclasses"] = ("VolumeSnapshotClass", false), ["volumesnapshotcontents"] = ("VolumeSnapshotContent", false),
        ["gatewayclasses"] = ("GatewayClass", false), ["grpcroutes"] = ("GRPCRoute", true), ["tcproutes"] = ("TCPRoute", true),
        ["tlsroutes"] = ("TLSRoute", true), ["udproutes"] = ("UDPRoute", true), ["referencegrants"] = ("ReferenceGrant", true),
        ["serviceentries"] = ("ServiceEntry", true), ["sidecars"] = ("Sidecar", true), ["envoyfilters"] = ("EnvoyFilter", true),
        ["requestauthentications"] = ("RequestAuthentication", true),
        ["globalnetworkpolicies"] = ("GlobalNetworkPolicy", false), ["globalnetworksets"] = ("GlobalNetworkSet", false),
        ["networksets"] = ("NetworkSet", true),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The core group is empty in the API server's events; some converted logs spell it out.
    private static readonly string[] Core = ["", "core"];

    /// <summary>
    /// The API groups of the resources whose names other projects reuse (Calico's and Antrea's networkpolicies, Antrea's
    /// clusternetworkpolicies, Knative's services, ...) and that the replay or a rule reads. An event naming one of them
    /// in another group is about a different kind.
    /// </summary>
    private static readonly FrozenDictionary<string, string[]> Groups = new Dictionary<string, string[]>
    {
        ["networkpolicies"] = ["networking.k8s.io", "extensions"], ["ingresses"] = ["networking.k8s.io", "extensions"],
        ["adminnetworkpolicies"] = ["policy.networking.k8s.io"], ["baselineadminnetworkpolicies"] = ["policy.networking.k8s.io"],
        ["clusternetworkpolicies"] = ["policy.networking.k8s.io"],
        ["pods"] = Core, ["services"] = Core, ["namespaces"] = Core, ["endpoints"] = Core, ["nodes"] = Core, ["secrets"] = Core,
        ["replicationcontrollers"] = Core,
        ["deployments"] = ["apps", "extensions"], ["daemonsets"] = ["apps", "extensions"], ["replicasets"] = ["apps", "extensions"],
        ["statefulsets"] = ["apps"], ["jobs"] = ["batch"], ["cronjobs"] = ["batch"],
        ["roles"] = ["rbac.authorization.k8s.io"], ["clusterroles"] = ["rbac.authorization.k8s.io"],
        ["rolebindings"] = ["rbac.authorization.k8s.io"], ["clusterrolebindings"] = ["rbac.authorization.k8s.io"],
        ["peerauthentications"] = ["security.istio.io"], ["routes"] = ["route.openshift.io"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The kind under which the replay keeps objects of the reference: <paramref name="kind"/>, qualified by the API
    /// group when the resource is of another group than the one Kubernetes (or its project) defines it in
    /// (<c>NetworkPolicy.crd.projectcalico.org</c>), so that it is never replayed as the kind it shares a name with.
    /// </summary>
    public static string Qualified(AuditObjectRef o, string kind) => IsForeign(o) ? $"{kind}.{o.ApiGroup}" : kind;

    /// <summary>Whether the reference names a listed resource in a group that is not its own (an event without a group is taken to be in its own).</summary>
    public static bool IsForeign(AuditObjectRef o) =>
        o.ApiGroup.Length > 0 && Groups.TryGetValue(o.Resource, out var groups) && Array.IndexOf(groups, o.ApiGroup) < 0;

    /// <summary>Whether objects of the reference live in a namespace (a foreign resource: when the event names one).</summary>
    public static bool IsNamespaced(AuditObjectRef o) =>
        IsForeign(o) ? o.Namespace is not null : IsNamespaced(o.Resource, o.Namespace is not null);

    /// <summary>The Kind of the resource; <paramref name="bodyKind"/> (the body's own <c>kind</c>) for resources not listed.</summary>
    public static string KindOf(string resource, string? bodyKind = null)
    {
        if (Known.TryGetValue(resource, out var known))
            return known.Kind;
        if (!string.IsNullOrEmpty(bodyKind))
            return bodyKind;
        // Kubernetes adds "es" to a Kind ending in "s"; "-sses" and "-uses" come from such Kinds (Class, Status), while
        // other "-ses" mostly come from Kinds ending in "se" (Database, License), which took a plain "s".
        var singular = resource.EndsWith("ies", StringComparison.Ordinal) ? resource[..^3] + "y"
            : resource.EndsWith("sses", StringComparison.Ordinal) || resource.EndsWith("uses", StringComparison.Ordinal) ? resource[..^2]
            : resource.EndsWith('s') ? resource[..^1] : resource;
        return singular.Length == 0 ? resource : char.ToUpperInvariant(singular[0]) + singular[1..];
    }

    /// <summary>Whether the resource is one of those listed, whose Kind does not depend on the body.</summary>
    public static bool IsKnown(string resource) => Known.ContainsKey(resource);

    /// <summary>Whether objects of the resource live in a namespace (unknown resources are taken to, when the event names one).</summary>
    public static bool IsNamespaced(string resource, bool eventHasNamespace) =>
        Known.TryGetValue(resource, out var known) ? known.Namespaced : eventHasNamespace;
}
