using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Live;

/// <summary>Where the server serves one kind Palisade reads: group, version, resource name and scope, as discovery says.</summary>
internal sealed record ServedKind(KindRow Row, string Group, string Version, string Plural, bool Namespaced)
{
    /// <summary><c>v1</c> for the core group, else <c>GROUP/VERSION</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name kubectl and RBAC messages use: <c>pods</c>, <c>networkpolicies.networking.k8s.io</c>.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection's path, in one namespace when given.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return ns is null || !Namespaced ? $"{root}/{Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }
}
