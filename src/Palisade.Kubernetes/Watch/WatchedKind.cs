using Palisade.Kubernetes.Mapping;

namespace Palisade.Kubernetes.Watch;

/// <summary>Where the server serves one kind the service watches: the kind's row, group, version, resource name and scope.</summary>
internal sealed record WatchedKind(KindRow Row, string Group, string Version, string Plural, bool Namespaced)
{
    /// <summary>The kind's name.</summary>
    public string Kind => Row.Kind;

    /// <summary>The name RBAC and kubectl use: <c>pods</c>, <c>networkpolicies.networking.k8s.io</c>.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection across every namespace.</summary>
    public string CollectionPath => (Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}") + "/" + Plural;
}
