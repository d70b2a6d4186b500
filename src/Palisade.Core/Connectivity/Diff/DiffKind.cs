namespace Palisade.Connectivity.Diff;

/// <summary>How a pair's connections differ between two versions; spelled as np-guard spells it.</summary>
public enum DiffKind
{
    Changed,
    Added,
    Removed,
    Unchanged,
}
