using Palisade.Flows;
using Palisade.Net;

namespace Palisade.Generate.Traffic;

/// <summary>
/// The names DNS answers gave for addresses (Hubble L7 DNS responses), so that a rule for an external address
/// can say what it is. Bounded: a few names per address, a fixed number of addresses. Not thread-safe.
/// </summary>
public sealed class DnsNames
{
    private const int MaxAddresses = 1 << 16;
    private const int MaxNamesPerAddress = 4;
    private readonly Dictionary<AddressKey, SortedSet<string>> _names = [];

    /// <summary>Learns the addresses of one DNS response.</summary>
    public void Learn(DnsInfo dns)
    {
        if (!dns.IsResponse || dns.Ips.Count == 0)
            return;
        var name = dns.Query.TrimEnd('.').ToLowerInvariant();
        if (name.Length == 0)
            return;
        foreach (var ip in dns.Ips)
        {
            if (!IpRange.TryParseAddress(ip, out var address))
                continue;
            var key = AddressKey.Of(address);
            if (!_names.TryGetValue(key, out var names))
            {
                if (_names.Count >= MaxAddresses)
                    continue;
                _names[key] = names = new SortedSet<string>(StringComparer.Ordinal);
            }
            if (names.Count < MaxNamesPerAddress)
                names.Add(name);
        }
    }

    /// <summary>The names seen for the address, sorted; empty when none.</summary>
    public IReadOnlyCollection<string> Of(AddressKey address) =>
        _names.TryGetValue(address, out var names) ? names : [];
}
