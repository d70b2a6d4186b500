namespace Palisade.Flows.Baseline;

/// <summary>
/// One connection a baseline has seen delivered: source and destination (a workload, <c>node/NAME</c>, or an
/// external /24 (IPv6: /64) as <c>a.b.c.0/24</c>), protocol name and destination port (null when the protocol has none).
/// </summary>
public readonly record struct BaselineEdge(string Source, string Destination, string Protocol, int? Port) : IComparable<BaselineEdge>
{
    /// <inheritdoc />
    public int CompareTo(BaselineEdge other)
    {
        var order = string.CompareOrdinal(Source, other.Source);
        if (order == 0)
            order = string.CompareOrdinal(Destination, other.Destination);
        if (order == 0)
            order = string.CompareOrdinal(Protocol, other.Protocol);
        return order != 0 ? order : Nullable.Compare(Port, other.Port);
    }
}
