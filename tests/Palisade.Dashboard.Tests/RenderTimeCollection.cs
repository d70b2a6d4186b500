namespace Palisade.Dashboard.Tests;


/// <summary>The measurement runs alone, after the other tests, so that they do not share the machine with it.</summary>
[CollectionDefinition(nameof(RenderTimeTests), DisableParallelization = true)]
public sealed class RenderTimeCollection;
