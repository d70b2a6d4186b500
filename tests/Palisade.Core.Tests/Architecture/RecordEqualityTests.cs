using Palisade.Model;
using Palisade.Testing;

namespace Palisade.Core.Tests.Architecture;

/// <summary>Every public record of Core whose properties hold collections compares them element by element.</summary>
public sealed class RecordEqualityTests
{
    [Fact]
    public void Equal_collections_make_equal_records()
    {
        var records = RecordEquality.RecordsHoldingCollections(typeof(Cluster).Assembly).ToArray();
        Assert.Contains(typeof(Pod), records);
        Assert.Empty(records.SelectMany(RecordEquality.ComparedByReference));
    }
}
