using Palisade.Connectivity;

namespace Palisade.Posture;

/// <summary>How to lint: the engine's modelling choices and the checks not to run (by id or name).</summary>
public sealed record LintOptions
{
    /// <summary>The connectivity engine's options.</summary>
    public ConnectivityOptions Connectivity { get; init; } = ConnectivityOptions.Default;

    /// <summary>Checks not to run, by id or name.</summary>
    public IReadOnlyList<string> Disabled { get; init => field = ValueCollections.List(value); } = [];
}
