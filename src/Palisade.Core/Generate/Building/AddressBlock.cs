using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>
/// A CIDR an ipBlock rule names, the observed addresses inside it, and the ports seen towards (or from) them, in
/// protocol and port order. <see cref="Aggregated"/> blocks cover more addresses than were seen.
/// </summary>
public sealed record AddressBlock(IpRange Range, string Cidr, IReadOnlyList<AddressKey> Members, IReadOnlyList<(Protocol Protocol, int Port)> Ports, bool Aggregated)
{
    /// <summary>The observed addresses, compared element by element.</summary>
    public IReadOnlyList<AddressKey> Members { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Members);

    /// <summary>The ports, compared element by element.</summary>
    public IReadOnlyList<(Protocol Protocol, int Port)> Ports { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ports);
}
