using Palisade.Model;

namespace Palisade.Generate.Inference;

/// <summary>
/// A value in a workload's configuration that may name a Service: an environment variable of its containers, or
/// a key of a ConfigMap it uses. <see cref="Where"/> says which (<c>env CART_ADDR</c>, <c>ConfigMap shop/app key db.url</c>).
/// </summary>
public sealed record DeclaredReference(WorkloadRef Client, string Where, string Value, SourceLocation? Location = null)
{
    /// <inheritdoc />
    public override string ToString() => Location is null ? $"{Where}={Value}" : $"{Where}={Value} ({Location})";
}
