using Palisade.Net;

namespace Palisade.Connectivity.Explain;

/// <summary>One protocol and port asked about.</summary>
public readonly record struct ConnectionQuery(Protocol Protocol, int Port)
{
    /// <inheritdoc />
    public override string ToString() => $"{Protocol.Name()} {Port}";
}
