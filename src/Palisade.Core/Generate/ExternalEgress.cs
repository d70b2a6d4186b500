namespace Palisade.Generate;

/// <summary>What <c>generate</c> makes of a pod's observed connections to public addresses (<c>--egress-external</c>).</summary>
public enum ExternalEgress
{
    /// <summary>ipBlock rules for the addresses seen, aggregated, with the DNS names seen as comments.</summary>
    Cidr,

    /// <summary>No rule: the destinations are written as comments (NetworkPolicy cannot name hosts; an FQDN policy of the CNI can).</summary>
    FqdnComment,

    /// <summary>No rule and no comment: internet egress is denied, and the flows are listed as left out.</summary>
    Deny,
}
