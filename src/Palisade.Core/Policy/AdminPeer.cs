using Palisade.Net;

namespace Palisade.Policy;

/// <summary>One peer of a cluster-scoped rule.</summary>
public abstract record AdminPeer;

/// <summary>A <c>namespaces</c> or <c>pods</c> peer.</summary>
public sealed record AdminPodPeer(AdminSubject Selection) : AdminPeer
{
    /// <inheritdoc />
    public override string ToString() => Selection.ToString();
}

/// <summary>A <c>networks</c> peer: CIDRs (egress only).</summary>
public sealed record AdminNetworksPeer(IReadOnlyList<string> Cidrs, IpSet Addresses) : AdminPeer
{
    /// <summary>Cidrs, compared element by element.</summary>
    public IReadOnlyList<string> Cidrs { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Cidrs);

    /// <inheritdoc />
    public override string ToString() => $"networks {string.Join(", ", Cidrs)}";
}

/// <summary>
/// A <c>nodes</c> or <c>domainNames</c> peer (egress only). Neither nodes nor DNS names are part of the
/// model, so it matches no endpoint; loading warns about it.
/// </summary>
public sealed record AdminUnmodelledPeer(string Field, string Value) : AdminPeer
{
    /// <inheritdoc />
    public override string ToString() => $"{Field} {Value}";
}
