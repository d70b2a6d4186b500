using Palisade.Labels;
using Palisade.Net;

namespace Palisade.Policy;

/// <summary>One <c>from</c>/<c>to</c> entry of a rule.</summary>
public abstract record PolicyPeer;

/// <summary>
/// A selector peer. A null <see cref="NamespaceSelector"/> means the policy's own namespace; a null
/// <see cref="PodSelector"/> means every pod of the selected namespaces. Both set means their AND.
/// </summary>
public sealed record SelectorPeer(LabelSelector? PodSelector, LabelSelector? NamespaceSelector) : PolicyPeer
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (NamespaceSelector is not null)
            parts.Add($"namespaceSelector {NamespaceSelector}");
        if (PodSelector is not null)
            parts.Add($"podSelector {PodSelector}");
        return string.Join(" and ", parts);
    }
}

/// <summary>An ipBlock peer: <see cref="Cidr"/> less its <see cref="Except"/> ranges.</summary>
public sealed record IpBlockPeer : PolicyPeer
{
    private IpBlockPeer(string cidr, IReadOnlyList<string> except, IpSet addresses)
    {
        Cidr = cidr;
        Except = ValueCollections.List(except);
        Addresses = addresses;
    }

    /// <summary>The CIDR as written.</summary>
    public string Cidr { get; }

    /// <summary>The carved-out CIDRs as written.</summary>
    public IReadOnlyList<string> Except { get; }

    /// <summary>The addresses the peer matches.</summary>
    public IpSet Addresses { get; }

    /// <summary>The whole CIDR range, before the carve-outs.</summary>
    public IpRange CidrRange { get; private init; }

    /// <summary>The carve-out ranges.</summary>
    public IReadOnlyList<IpRange> ExceptRanges { get; private init => field = ValueCollections.List(value); } = [];

    /// <summary>Validates as the API server does: parsable CIDRs, each except strictly inside the cidr.</summary>
    public static IpBlockPeer Create(string? cidr, IReadOnlyList<string> except, string field)
    {
        if (string.IsNullOrEmpty(cidr))
            throw new InvalidFieldException(field + ".cidr", "ipBlock needs a cidr");
        if (!IpRange.TryParseCidr(cidr, out var range))
            throw new InvalidFieldException(field + ".cidr", $"\"{cidr}\" is not a valid CIDR");
        var exceptRanges = new List<IpRange>(except.Count);
        for (var i = 0; i < except.Count; i++)
        {
            var path = $"{field}.except[{i}]";
            if (!IpRange.TryParseCidr(except[i], out var cut))
                throw new InvalidFieldException(path, $"\"{except[i]}\" is not a valid CIDR");
            if (cut.Family != range.Family || !range.Contains(cut) || cut == range)
                throw new InvalidFieldException(path, $"except {except[i]} is not strictly inside cidr {cidr}");
            exceptRanges.Add(cut);
        }
        var addresses = IpSet.Of([range]).Except(IpSet.Of(exceptRanges));
        return new IpBlockPeer(cidr, except, addresses) { CidrRange = range, ExceptRanges = exceptRanges };
    }

    /// <inheritdoc />
    public override string ToString() =>
        Except.Count == 0 ? $"ipBlock {Cidr}" : $"ipBlock {Cidr} except {string.Join(", ", Except)}";
}
