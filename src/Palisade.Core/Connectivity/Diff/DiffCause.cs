using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity.Diff;

/// <summary>What a difference is attributed to, and where it is declared; Reporting puts it into words.</summary>
public abstract record DiffCause
{
    /// <summary>Where the policy or workload is declared, when known.</summary>
    public SourceLocation? Location { get; init; }
}

/// <summary>A NetworkPolicy rule that now admits connections it did not, or (<see cref="Admits"/> false) no longer admits them.</summary>
public sealed record NetworkPolicyRuleCause(NetworkPolicy Policy, PolicyRule Rule, ConnectionSet Connections, bool Admits) : DiffCause;

/// <summary>A cluster-scoped rule whose action decides connections: an Allow that admits them, a Deny that denies them.</summary>
public sealed record AdminRuleCause(AdminNetworkPolicy Policy, AdminRule Rule, ConnectionSet Connections) : DiffCause;

/// <summary>A NetworkPolicy that now isolates a side in the direction, or (<see cref="Isolates"/> false) no longer does.</summary>
public sealed record IsolationCause(NetworkPolicy Policy, PolicyDirection Direction, bool Isolates) : DiffCause;

/// <summary>A workload that appeared (<see cref="Added"/>) or vanished.</summary>
public sealed record WorkloadCause(Peer Workload, bool Added) : DiffCause;
