using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>
/// What a change did to connectivity, as <c>connectivity</c> lines at workload granularity: the connections it
/// opened (a pair that only gained ports lists the gained ones) and closed. Null lists mean unknown (a body was
/// not recorded).
/// </summary>
public sealed record ConnectivityChange(IReadOnlyList<string> Opened, IReadOnlyList<string> Closed)
{
    /// <summary>The connections closed.</summary>
    public IReadOnlyList<string> Closed { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Closed);

    /// <summary>The connections opened.</summary>
    public IReadOnlyList<string> Opened { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Opened);

    /// <summary>Nothing changed.</summary>
    public static readonly ConnectivityChange None = new([], []);
}
