namespace Palisade.Generate.Traffic;

/// <summary>
/// Traffic seen but not turned into rules, aggregated per reason, source, destination and protocol: flagged by a
/// detector (its name), <c>internet-egress</c> (by <c>--egress-external</c>), <c>not-expressible</c> (no port),
/// <c>unresolvable</c> (an address of the pod network no pod held), <c>workload-gone</c>; from the manifests, <c>no-such-service</c>, <c>no-such-port</c> and <c>no-client</c> (a Service no client names).
/// </summary>
public sealed record LeftOut(string Reason, string Source, string Destination, string Protocol, IReadOnlyList<int> Ports, long Connections)
{
    /// <summary>The ports, compared element by element.</summary>
    public IReadOnlyList<int> Ports { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Ports);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Reason}: {Source} => {Destination} : {Protocol}{(Ports.Count == 0 ? "" : " " + string.Join(",", Ports))} ({Connections} connection{(Connections == 1 ? "" : "s")})";
}
