namespace Palisade.Model.Mesh;

/// <summary>An Istio DestinationRule (networking.istio.io): how clients in the mesh connect to a host.</summary>
public sealed record DestinationRule(string Namespace, string Name, string Host)
{
    /// <summary>Every TLS setting: the rule's traffic policy, its port-level settings and those of its subsets.</summary>
    public IReadOnlyList<DestinationTls> Tls { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The namespaces whose clients the rule applies to (<c>*</c> every one, <c>.</c> its own); empty means every one.</summary>
    public IReadOnlyList<string> ExportTo { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary><c>DestinationRule ns/name</c>.</summary>
    public override string ToString() => $"DestinationRule {Namespace}/{Name}";
}
