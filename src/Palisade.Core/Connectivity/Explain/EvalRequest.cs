using Palisade.Net;

namespace Palisade.Connectivity.Explain;

/// <summary>
/// What <c>eval</c> is asked: a source and a destination (<c>ns/name</c> of a workload or pod, or an IP address),
/// a port (a number, or a container port name of the destination) and a protocol.
/// </summary>
public sealed record EvalRequest(string Source, string Destination, string Port)
{
    /// <summary>TCP unless said.</summary>
    public Protocol Protocol { get; init; } = Protocol.Tcp;

    /// <summary>The engine's modelling choices.</summary>
    public ConnectivityOptions Options { get; init; } = ConnectivityOptions.Default;
}
