using Palisade.Net;

namespace Palisade.Generate.Building;

/// <summary>
/// A CIDR an ipBlock rule names, the observed addresses inside it, and the ports seen towards (or from) them.
/// <see cref="Aggregated"/> blocks cover more addresses than were seen.
/// </summary>
public sealed record AddressBlock(IpRange Range, string Cidr, IReadOnlyList<AddressKey> Members, IReadOnlySet<(Protocol Protocol, int Port)> Ports, bool Aggregated);
