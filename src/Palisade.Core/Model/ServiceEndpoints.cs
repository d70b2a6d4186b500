using System.Net;

namespace Palisade.Model;

/// <summary>
/// The endpoints of a Service as an Endpoints object or an EndpointSlice lists them: addresses and ports. The
/// cluster builder attaches them to the Service of that name. Immutable.
/// </summary>
public sealed record ServiceEndpoints(string Namespace, string Service)
{
    /// <summary>Every (address, port) pair.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; init => field = ValueCollections.List(value); } = [];
}
