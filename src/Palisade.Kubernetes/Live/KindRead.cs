using Palisade.Model;

namespace Palisade.Kubernetes.Live;

/// <summary>One kind as listed: its objects in Core's terms and the mapping warnings, or the server's reason for refusing it.</summary>
internal sealed record KindRead(ServedKind Kind, IReadOnlyList<ClusterObject> Objects, IReadOnlyList<string> Warnings, string? Forbidden = null);
