namespace Palisade.Model;

/// <summary>
/// One Kubernetes object in Core's terms, as a mapper makes it from a manifest, a watch or an audit-log body:
/// its metadata, and what it adds to the model: a <see cref="NamespaceInfo"/>, a <see cref="Pod"/> (a real pod or
/// a workload's template), a <see cref="ServiceInfo"/>, an <see cref="IngressRoute"/>, a policy of either tier,
/// an RBAC object, a mesh object or an audit policy.
/// </summary>
public sealed record ClusterObject(ObjectMeta Meta, object Content);
