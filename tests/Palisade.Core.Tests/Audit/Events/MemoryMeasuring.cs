namespace Palisade.Core.Tests.Audit.Events;

/// <summary>Tests that measure the process's memory run alone, so that what they measure is their own.</summary>
[CollectionDefinition(nameof(MemoryMeasuring), DisableParallelization = true)]
public sealed class MemoryMeasuring;
