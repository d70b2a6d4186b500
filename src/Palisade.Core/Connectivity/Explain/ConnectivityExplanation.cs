namespace Palisade.Connectivity.Explain;

/// <summary>A connectivity report whose pairs are to be explained, with the engine that decided them.</summary>
public sealed class ConnectivityExplanation(PolicyEngine engine, ConnectivityReport connectivity)
{
    /// <summary>The engine that evaluated the cluster.</summary>
    public PolicyEngine Engine { get; } = engine;

    /// <summary>The reported peers and their connections.</summary>
    public ConnectivityReport Connectivity { get; } = connectivity;

    /// <summary>What the analysis warns about.</summary>
    public IReadOnlyList<string> Warnings => Connectivity.Warnings;
}
