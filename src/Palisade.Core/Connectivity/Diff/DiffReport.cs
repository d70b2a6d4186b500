namespace Palisade.Connectivity.Diff;

/// <summary>What a change does to connectivity: the differences, their causes, and what the analyses warn about.</summary>
public sealed class DiffReport(ConnectivityDiff diff, DiffAttribution attribution, IReadOnlyList<string> warnings)
{
    /// <summary>Every pair that differs (and, for graphs, the unchanged ones).</summary>
    public ConnectivityDiff Diff { get; } = diff;

    /// <summary>Warnings of both analyses, each once.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    /// <summary>The manifests behind a change, most specific first; empty when none can be named.</summary>
    public IReadOnlyList<DiffCause> Causes(ConnectionDiff change) => attribution.Causes(Diff, change);

    /// <summary>Whether the diff holds what the gate fails on.</summary>
    public bool Trips(DiffGate gate) => gate switch
    {
        DiffGate.Added => Diff.Changes.Any(c => c.Widens),
        DiffGate.Changed => Diff.Changes.Any(c => c.Kind is DiffKind.Added or DiffKind.Changed),
        _ => !Diff.IsEmpty,
    };
}
