using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>Computes what a change between two replayed states did to connectivity.</summary>
public interface IChangeEvaluator
{
    /// <summary>The connections opened and closed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    ConnectivityChange Compare(ObjectStore before, ObjectStore after);
}
