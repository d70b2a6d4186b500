using Palisade.Net;

namespace Palisade.Connectivity.Reachability;

/// <summary>
/// A compiled rule: its peers as shared peer sets, the port classes its numeric ports cover, and its named
/// ports, which cover a class only towards destinations declaring them.
/// </summary>
internal sealed class RuleState(PolicyState policy, PeerSet[] peers, ulong[] numeric, (string Name, Protocol Protocol)[] named)
{
    /// <summary>The policy the rule belongs to.</summary>
    public PolicyState Policy => policy;

    /// <summary>The peer sets; the rule matches their union.</summary>
    public PeerSet[] Peers => peers;

    /// <summary>The port classes its numeric ports (or the absence of ports) cover, as a mask.</summary>
    public ulong[] Numeric => numeric;

    /// <summary>Its named ports.</summary>
    public (string Name, Protocol Protocol)[] Named => named;

    /// <summary>Whether the rule admits the port class towards the destination class.</summary>
    public bool Covers(int portClass, ClassNode destination)
    {
        if ((numeric[portClass >> 6] & (1UL << portClass)) != 0)
            return true;
        foreach (var (name, protocol) in named)
        {
            foreach (var port in destination.NamedPorts)
            {
                if (port.PortClass == portClass && port.Name == name && port.Protocol == protocol)
                    return true;
            }
        }
        return false;
    }
}
