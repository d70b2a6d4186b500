using System.Text;

namespace Palisade.Net;

/// <summary>An immutable set of (protocol, port) pairs: what one endpoint may open to another.</summary>
public sealed class ConnectionSet : IEquatable<ConnectionSet>
{
    /// <summary>No connection.</summary>
    public static readonly ConnectionSet None = new(PortSet.None, PortSet.None, PortSet.None);

    /// <summary>Every protocol and port.</summary>
    public static readonly ConnectionSet All = new(PortSet.All, PortSet.All, PortSet.All);

    private readonly PortSet[] _byProtocol;
    private string? _text;

    private ConnectionSet(PortSet sctp, PortSet tcp, PortSet udp) => _byProtocol = [sctp, tcp, udp];

    /// <summary>The given ports of one protocol.</summary>
    public static ConnectionSet Of(Protocol protocol, PortSet ports)
    {
        if (ports.IsEmpty)
            return None;
        return protocol switch
        {
            Protocol.Sctp => new ConnectionSet(ports, PortSet.None, PortSet.None),
            Protocol.Tcp => new ConnectionSet(PortSet.None, ports, PortSet.None),
            _ => new ConnectionSet(PortSet.None, PortSet.None, ports),
        };
    }

    /// <summary>The ports of one protocol.</summary>
    public PortSet Ports(Protocol protocol) => _byProtocol[(int)protocol];

    /// <summary>Whether nothing is allowed.</summary>
    public bool IsEmpty => _byProtocol[0].IsEmpty && _byProtocol[1].IsEmpty && _byProtocol[2].IsEmpty;

    /// <summary>Whether everything is allowed.</summary>
    public bool IsAll => _byProtocol[0].IsAll && _byProtocol[1].IsAll && _byProtocol[2].IsAll;

    /// <summary>Whether the protocol and port are in the set.</summary>
    public bool Contains(Protocol protocol, int port) => Ports(protocol).Contains(port);

    /// <summary>The union.</summary>
    public ConnectionSet Union(ConnectionSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, All))
            return this;
        if (IsEmpty || ReferenceEquals(other, All))
            return other;
        return Create(Ports(Protocol.Sctp).Union(other.Ports(Protocol.Sctp)),
            Ports(Protocol.Tcp).Union(other.Ports(Protocol.Tcp)),
            Ports(Protocol.Udp).Union(other.Ports(Protocol.Udp)));
    }

    /// <summary>The intersection.</summary>
    public ConnectionSet Intersect(ConnectionSet other)
    {
        if (IsEmpty || ReferenceEquals(other, All))
            return this;
        if (other.IsEmpty || ReferenceEquals(this, All))
            return other;
        return Create(Ports(Protocol.Sctp).Intersect(other.Ports(Protocol.Sctp)),
            Ports(Protocol.Tcp).Intersect(other.Ports(Protocol.Tcp)),
            Ports(Protocol.Udp).Intersect(other.Ports(Protocol.Udp)));
    }

    /// <summary>This set less the other.</summary>
    public ConnectionSet Except(ConnectionSet other) =>
        Create(Ports(Protocol.Sctp).Except(other.Ports(Protocol.Sctp)),
            Ports(Protocol.Tcp).Except(other.Ports(Protocol.Tcp)),
            Ports(Protocol.Udp).Except(other.Ports(Protocol.Udp)));

    private static ConnectionSet Create(PortSet sctp, PortSet tcp, PortSet udp)
    {
        if (sctp.IsEmpty && tcp.IsEmpty && udp.IsEmpty)
            return None;
        if (sctp.IsAll && tcp.IsAll && udp.IsAll)
            return All;
        return new ConnectionSet(sctp, tcp, udp);
    }

    /// <inheritdoc />
    public bool Equals(ConnectionSet? other) =>
        other is not null && _byProtocol[0].Equals(other._byProtocol[0]) &&
        _byProtocol[1].Equals(other._byProtocol[1]) && _byProtocol[2].Equals(other._byProtocol[2]);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ConnectionSet);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_byProtocol[0], _byProtocol[1], _byProtocol[2]);

    /// <summary>
    /// np-guard's rendering: <c>All Connections</c>, <c>No Connections</c>, or protocol groups sorted by
    /// name such as <c>SCTP 1-65535,TCP 1-79,81-65535,UDP 53</c>.
    /// </summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        if (IsAll)
            return "All Connections";
        if (IsEmpty)
            return "No Connections";
        var text = new StringBuilder();
        foreach (var protocol in Protocols.All)
        {
            var ports = Ports(protocol);
            if (ports.IsEmpty)
                continue;
            if (text.Length > 0)
                text.Append(',');
            text.Append(protocol.Name()).Append(' ').Append(ports);
        }
        return text.ToString();
    }
}
