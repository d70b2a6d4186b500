using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>Computes what a replayed request did to connectivity.</summary>
public interface IChangeEvaluator
{
    /// <summary>Sees every applied request that wrote something, in order, so that it can follow the state as it goes.</summary>
    void Observe(ReplayedRequest request);

    /// <summary>The connections the request opened and closed (from its state before to its state after).</summary>
    ConnectivityChange Compare(ReplayedRequest request);
}
