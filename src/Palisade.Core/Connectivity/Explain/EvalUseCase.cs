using Palisade.Model;

namespace Palisade.Connectivity.Explain;

/// <summary><c>eval</c>: may this source open this port on that destination, and why (not)?</summary>
public static class EvalUseCase
{
    /// <summary>The explanation of an allowing pair of the endpoints named, else of the first pair.</summary>
    public static PairExplanation Run(Cluster cluster, EvalRequest request) => Run(new PolicyEngine(cluster.Network, request.Options), request);

    /// <summary>The same on an engine already built (a service answering many questions on one state); the request's options are the engine's.</summary>
    public static PairExplanation Run(PolicyEngine engine, EvalRequest request)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        var sources = EndpointResolver.Resolve(engine, request.Source, "source");
        var destinations = EndpointResolver.Resolve(engine, request.Destination, "destination");
        return EndpointResolver.ExplainAny(engine, sources, destinations, d => EndpointResolver.ResolvePort(request.Port, request.Protocol, d));
    }
}
