using Palisade.Net;

namespace Palisade.Policy;

/// <summary>
/// One <c>ports</c> entry of a cluster-scoped rule: <c>portNumber</c>, <c>portRange</c> or <c>namedPort</c>.
/// A named port matches the destination's container ports of that name, whatever their protocol.
/// </summary>
public sealed record AdminPort(Protocol Protocol, int Start, int End, string? Name)
{
    /// <summary>Validates and creates a numeric port or range.</summary>
    public static AdminPort Range(string? protocol, int start, int end, string field)
    {
        if (!Protocols.TryParse(protocol, out var parsed))
            throw new InvalidFieldException(field + ".protocol", $"unsupported protocol \"{protocol}\" (want TCP, UDP or SCTP)");
        if (start is < PortSet.MinPort or > PortSet.MaxPort || end is < PortSet.MinPort or > PortSet.MaxPort || end < start)
            throw new InvalidFieldException(field, start == end ? $"port {start} is outside 1-65535" : $"port range {start}-{end} is empty or outside 1-65535");
        return new AdminPort(parsed, start, end, null);
    }

    /// <summary>A named port.</summary>
    public static AdminPort Named(string name) => new(Protocol.Tcp, 0, 0, name);

    /// <summary>The connections it admits towards a destination with the given container ports.</summary>
    public ConnectionSet Resolve(IReadOnlyList<ContainerPort> destinationPorts)
    {
        if (Name is null)
            return ConnectionSet.Of(Protocol, PortSet.Range(Start, End));
        var resolved = ConnectionSet.None;
        foreach (var port in destinationPorts)
        {
            if (port.Name == Name)
                resolved = resolved.Union(ConnectionSet.Of(port.Protocol, PortSet.Single(port.Port)));
        }
        return resolved;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Name is not null ? $"named port {Name}" : Start == End ? $"{Protocol.Name()} {Start}" : $"{Protocol.Name()} {Start}-{End}";
}
