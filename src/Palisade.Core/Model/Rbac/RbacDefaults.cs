namespace Palisade.Model.Rbac;

/// <summary>
/// What every kubeadm cluster ships, so that checks report only what the cluster's owners added: the
/// cluster administrators, the default roles and the default bindings. See docs/semantics.md, "Posture: RBAC".
/// </summary>
public static class RbacDefaults
{
    /// <summary>The ClusterRole that can do everything.</summary>
    public const string ClusterAdmin = "cluster-admin";

    /// <summary>The group every request of a client certificate with O=system:masters is in; RBAC cannot restrict it.</summary>
    public const string Masters = "system:masters";

    /// <summary>The group kubeadm (1.29 and later) binds to cluster-admin for its admin.conf.</summary>
    public const string KubeadmClusterAdmins = "kubeadm:cluster-admins";

    /// <summary>The user of unauthenticated requests.</summary>
    public const string Anonymous = "system:anonymous";

    /// <summary>The group of unauthenticated requests.</summary>
    public const string Unauthenticated = "system:unauthenticated";

    /// <summary>The group of every authenticated request.</summary>
    public const string Authenticated = "system:authenticated";

    private const string AccountUser = "system:serviceaccount:";

    private const string AccountGroup = "system:serviceaccounts";

    private const string BootstrapToken = "system:bootstrappers:kubeadm:default-node-token";

    /// <summary>The default bindings that name public subjects or cluster-admin, which the generic rule below cannot recognise.</summary>
    public static IReadOnlyList<DefaultBinding> Bindings { get; } =
    [
        Cluster(ClusterAdmin, ClusterAdmin, RbacSubject.Group(Masters)),
        Cluster("system:basic-user", "system:basic-user", RbacSubject.Group(Authenticated)),
        Cluster("system:discovery", "system:discovery", RbacSubject.Group(Authenticated)),
        Cluster("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", RbacSubject.Group(AccountGroup)),
        Cluster("system:public-info-viewer", "system:public-info-viewer", RbacSubject.Group(Authenticated), RbacSubject.Group(Unauthenticated)),
        Cluster("kubeadm:cluster-admins", ClusterAdmin, RbacSubject.Group(KubeadmClusterAdmins)),
        Cluster("kubeadm:kubelet-bootstrap", "system:node-bootstrapper", RbacSubject.Group(BootstrapToken)),
        Cluster("kubeadm:node-autoapprove-bootstrap", "system:certificates.k8s.io:certificatesigningrequests:nodeclient", RbacSubject.Group(BootstrapToken)),
        Cluster("kubeadm:node-autoapprove-certificate-rotation", "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", RbacSubject.Group("system:nodes")),
        Cluster("kubeadm:get-nodes", "kubeadm:get-nodes", RbacSubject.Group(BootstrapToken)),
        Cluster("kubeadm:node-proxier", "system:node-proxier", RbacSubject.ServiceAccount("kube-system", "kube-proxy")),
        Namespaced("kube-public", "kubeadm:bootstrap-signer-clusterinfo", "kubeadm:bootstrap-signer-clusterinfo", RbacSubject.User(Anonymous)),
        Namespaced("kube-system", "kubeadm:kubelet-config", "kubeadm:kubelet-config", RbacSubject.Group("system:nodes"), RbacSubject.Group(BootstrapToken)),
        Namespaced("kube-system", "kubeadm:nodes-kubeadm-config", "kubeadm:nodes-kubeadm-config", RbacSubject.Group(BootstrapToken), RbacSubject.Group("system:nodes")),
        Namespaced("kube-system", "kube-proxy", "kube-proxy", RbacSubject.Group(BootstrapToken)),
    ];

    /// <summary>
    /// Whether the binding ships with every cluster: one of <see cref="Bindings"/>, or a bootstrap binding
    /// (named <c>system:…</c>, granting a default role, only to system identities).
    /// </summary>
    public static bool IsDefault(RbacBinding binding)
    {
        foreach (var known in Bindings)
        {
            if (known.Matches(binding))
                return true;
        }
        return binding.Name.StartsWith("system:", StringComparison.Ordinal)
            && binding.RoleRef.Name is not (ClusterAdmin or "admin" or "edit" or "view")
            && IsDefaultRole(binding.RoleRef.Kind, binding.Namespace, binding.RoleRef.Name)
            && binding.Subjects.All(IsSystemIdentity);
    }

    /// <summary>The subjects the binding grants to by default: those of the default binding it is (with subjects added, perhaps), else none.</summary>
    public static IReadOnlyList<RbacSubject> DefaultSubjectsOf(RbacBinding binding)
    {
        foreach (var known in Bindings)
        {
            if (known.Kind == binding.Kind && known.Namespace == binding.Namespace && known.Name == binding.Name && known.RoleRef == binding.RoleRef)
                return known.Subjects;
        }
        return [];
    }

    /// <summary>Whether the role ships with every cluster (or is reconciled by the API server at every start).</summary>
    public static bool IsDefault(RbacRole role) => IsDefaultRole(role.Kind, role.Namespace, role.Name);

    /// <summary>Whether the subject is the group of every service account, so of every pod of the cluster.</summary>
    public static bool IsEveryServiceAccount(RbacSubject subject) =>
        subject.Kind == RbacSubject.GroupKind && subject.Name == AccountGroup;

    /// <summary>Whether the subject is a cluster administrator: RBAC checks do not report what administrators can do.</summary>
    public static bool IsClusterAdministrator(RbacSubject subject) =>
        subject.Kind == RbacSubject.GroupKind && subject.Name is Masters or KubeadmClusterAdmins;

    /// <summary>Whether the subject is anyone at all: anonymous, unauthenticated, or every authenticated identity.</summary>
    public static bool IsPublic(RbacSubject subject) =>
        subject.Kind == RbacSubject.UserKind && subject.Name == Anonymous
        || subject.Kind == RbacSubject.GroupKind && subject.Name is Unauthenticated or Authenticated;

    private static bool IsDefaultRole(string kind, string? ns, string name)
    {
        if (name.StartsWith("system:", StringComparison.Ordinal) || name.StartsWith("kubeadm:", StringComparison.Ordinal))
            return kind == RbacRole.ClusterRoleKind || ns is "kube-system" or "kube-public";
        if (kind == RbacRole.ClusterRoleKind)
            return BuiltInClusterRoles.ByName.ContainsKey(name);
        return ns == "kube-system" && name is "extension-apiserver-authentication-reader" or "kube-proxy";
    }

    // Service accounts outside kube-system are workloads' identities, whichever way they are named (the
    // user system:serviceaccount:NS:NAME, the groups system:serviceaccounts and system:serviceaccounts:NS).
    private static bool IsSystemIdentity(RbacSubject subject) => subject.Kind switch
    {
        RbacSubject.ServiceAccountKind => subject.Namespace == "kube-system",
        RbacSubject.UserKind when subject.Name.StartsWith(AccountUser, StringComparison.Ordinal) =>
            subject.Name.StartsWith(AccountUser + "kube-system:", StringComparison.Ordinal),
        RbacSubject.GroupKind when subject.Name.StartsWith(AccountGroup, StringComparison.Ordinal) =>
            subject.Name == AccountGroup + ":kube-system",
        _ => subject.Name.StartsWith("system:", StringComparison.Ordinal) && !IsPublic(subject),
    };

    private static DefaultBinding Cluster(string name, string role, params RbacSubject[] subjects) =>
        new(RbacBinding.ClusterRoleBindingKind, null, name, new RoleRef(RbacRole.ClusterRoleKind, role), subjects);

    private static DefaultBinding Namespaced(string ns, string name, string role, params RbacSubject[] subjects) =>
        new(RbacBinding.RoleBindingKind, ns, name, new RoleRef(RbacRole.RoleKind, role), subjects);
}
