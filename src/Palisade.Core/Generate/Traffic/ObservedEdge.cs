using Palisade.Flows.Identity;
using Palisade.Net;

namespace Palisade.Generate.Traffic;

/// <summary>
/// Traffic to allow: connections from one end to another on one protocol and port (the port reached: a
/// Service's target port), with samples of the pods and addresses seen at each end, by which the proof replays
/// it. <see cref="Note"/> is what a rule's comment says of it.
/// </summary>
public sealed record ObservedEdge(TrafficEnd Source, TrafficEnd Destination, Protocol Protocol, int Port)
{
    /// <summary>Connections seen (1 for an inferred edge).</summary>
    public long Connections { get; init; } = 1;

    /// <summary>Distinct pairs of resolved peers seen (pods with different labels, different addresses), for the replay.</summary>
    public IReadOnlyList<EdgeSample> Samples { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>
    /// For an edge inferred from manifests, what declared it (<c>inferred from env CART_ADDR=cart:7070 (file:line)</c>);
    /// for flagged traffic kept, why; else null.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>Whether the destination is a public address (what <c>--egress-external</c> governs).</summary>
    public bool ToPublic { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Source} => {Destination} : {Protocol.Name()} {Port}";
}

/// <summary>One pair of resolved peers of an edge, as a flow showed them.</summary>
public sealed record EdgeSample(FlowPeer Source, FlowPeer Destination);
