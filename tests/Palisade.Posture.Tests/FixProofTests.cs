using Palisade.Posture.Fixes;

namespace Palisade.Posture.Tests;

/// <summary>How many fixes are proven one by one as the cost of one analysis grows.</summary>
public sealed class FixProofTests
{
    [Theory]
    [InlineData(0, 40)]
    [InlineData(100_000, 40)]
    [InlineData(400_000, 10)]
    [InlineData(553_000, 7)]
    [InlineData(2_000_000, 2)]
    [InlineData(4_000_000, 1)]
    [InlineData(40_000_000_000, 1)]
    public void Separate_proofs_shrink_as_one_analysis_grows(long size, int separate) =>
        Assert.Equal(separate, FixVerifier.Budget(size));
}
