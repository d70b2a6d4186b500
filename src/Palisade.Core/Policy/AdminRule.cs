namespace Palisade.Policy;

/// <summary>One rule of a cluster-scoped policy; empty <see cref="Ports"/> means every port.</summary>
public sealed record AdminRule(PolicyDirection Direction, int Index, string? Name, AdminAction Action, IReadOnlyList<AdminPeer> Peers, IReadOnlyList<AdminPort> Ports)
{
    /// <summary>Peers, compared element by element.</summary>
    public IReadOnlyList<AdminPeer> Peers { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Peers);

    /// <summary>Ports, compared element by element.</summary>
    public IReadOnlyList<AdminPort> Ports { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ports);

    /// <summary>The rule's path in the manifest, e.g. <c>spec.ingress[0]</c>.</summary>
    public string Path => $"spec.{(Direction == PolicyDirection.Ingress ? "ingress" : "egress")}[{Index}]";

    /// <summary>The path and, when the rule has one, its name.</summary>
    public string Label => Name is null ? Path : $"{Path} \"{Name}\"";
}
