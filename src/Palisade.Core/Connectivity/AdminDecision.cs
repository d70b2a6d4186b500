using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>
/// A cluster-scoped rule that decided part of a connection: the connections it decided (not those an
/// earlier rule already had) and, through its action, how.
/// </summary>
public sealed record AdminDecision(AdminNetworkPolicy Policy, AdminRule Rule, ConnectionSet Connections)
{
    /// <summary>The rule's action.</summary>
    public AdminAction Action => Rule.Action;
}
