namespace Palisade.Policy;

/// <summary>
/// One ingress or egress rule. Empty <see cref="Peers"/> matches every peer; empty <see cref="Ports"/>
/// matches every protocol and port.
/// </summary>
public sealed record PolicyRule(PolicyDirection Direction, int Index, IReadOnlyList<PolicyPeer> Peers, IReadOnlyList<PolicyPort> Ports)
{
    /// <summary>Peers, compared element by element.</summary>
    public IReadOnlyList<PolicyPeer> Peers { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Peers);

    /// <summary>Ports, compared element by element.</summary>
    public IReadOnlyList<PolicyPort> Ports { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ports);

    /// <summary>The rule's path in the manifest, e.g. <c>spec.ingress[0]</c>.</summary>
    public string Path => $"spec.{(Direction == PolicyDirection.Ingress ? "ingress" : "egress")}[{Index}]";
}
