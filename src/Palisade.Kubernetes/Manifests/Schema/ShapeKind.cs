namespace Palisade.Kubernetes.Manifests.Schema;

/// <summary>What a client model property holds, as far as reading YAML into it goes.</summary>
internal enum ShapeKind
{
    String,
    Int,
    Long,
    Double,
    Bool,
    DateTime,
    IntOrString,
    Quantity,
    Object,
    List,
    Map,
    Any,
    Unsupported,
}
