using Palisade.Testing;

namespace Palisade.Kubernetes.Tests;

/// <summary>Every public record of Palisade.Kubernetes whose properties hold collections compares them element by element.</summary>
public sealed class RecordEqualityTests
{
    [Fact]
    public void Equal_collections_make_equal_records() =>
        Assert.Empty(RecordEquality.RecordsHoldingCollections(typeof(ManifestSource).Assembly).SelectMany(RecordEquality.ComparedByReference));
}
