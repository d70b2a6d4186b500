using Palisade.Model;

namespace Palisade.Core.Tests.Model;

/// <summary>A workload reference formats its name once, and a copy made with <c>with</c> names itself anew.</summary>
public sealed class WorkloadRefTests
{
    [Fact]
    public void A_workload_ref_changed_with_with_names_itself_anew_and_equals_by_value()
    {
        var original = new WorkloadRef("a", "b", "Deployment");
        Assert.Equal("a/b[Deployment]", original.ToString());
        var renamed = original with { Name = "c" };
        Assert.Equal("a/c[Deployment]", renamed.ToString());
        Assert.Equal("x/c[Deployment]", (renamed with { Namespace = "x" }).ToString());
        Assert.Equal("a/b[StatefulSet]", (original with { Kind = "StatefulSet" }).ToString());
        var fresh = new WorkloadRef("a", "b", "Deployment");
        Assert.True(fresh.Equals(original) && fresh == original && fresh.GetHashCode() == original.GetHashCode());
        Assert.NotEqual(original, renamed);
        Assert.Equal(original, original with { });
    }
}
