using Palisade.Policy;
using Palisade.Net;

namespace Palisade.Connectivity;

/// <summary>A rule that admits (part of) a connection, and the connections it admits.</summary>
public sealed record RuleMatch(NetworkPolicy Policy, PolicyRule Rule, ConnectionSet Connections);
