using Palisade.Posture;

namespace Palisade.Core.Tests.Architecture;

/// <summary>A check that is written but not in the catalogue never runs; this finds it.</summary>
public sealed class CheckCatalogTests
{
    [Fact]
    public void Every_posture_check_is_in_the_catalogue()
    {
        var implemented = typeof(IPostureCheck).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPostureCheck).IsAssignableFrom(t))
            .ToArray();
        var catalogued = CheckCatalog.All.Select(c => c.GetType()).ToHashSet();
        Assert.NotEmpty(implemented);
        Assert.Empty(implemented.Where(t => !catalogued.Contains(t)).Select(t => t.FullName));
    }
}
