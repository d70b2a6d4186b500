namespace Palisade.Connectivity.Diff;

/// <summary>
/// A diff as the lines a change opened and closed, in <c>connectivity</c>'s txt line format: an added pair opens all
/// its connections, a changed pair opens what it gained and closes what it lost. The service's change feed reports
/// them; <c>audit</c> and <c>timeline</c> write the same line format from their own net changes (ChangeEvaluator).
/// </summary>
public static class ChangeLines
{
    /// <summary>The connections opened, <c>SRC =&gt; DST : CONNS</c>, in the diff's order.</summary>
    public static IReadOnlyList<string> Opened(ConnectivityDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return [.. diff.Changes.Select(e => (e, Gained: e.After.Except(e.Before))).Where(x => !x.Gained.IsEmpty)
            .Select(x => $"{x.e.Source} => {x.e.Destination} : {x.Gained}")];
    }

    /// <summary>The connections closed, <c>SRC =&gt; DST : CONNS</c>, in the diff's order.</summary>
    public static IReadOnlyList<string> Closed(ConnectivityDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return [.. diff.Changes.Select(e => (e, Lost: e.Before.Except(e.After))).Where(x => !x.Lost.IsEmpty)
            .Select(x => $"{x.e.Source} => {x.e.Destination} : {x.Lost}")];
    }
}
