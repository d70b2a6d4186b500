using System.Text.Json.Nodes;
using Palisade.Model;
using Palisade.Server.Detection;

namespace Palisade.Server.Tests.Detection;

/// <summary>The patches remembered between the requests the service replays stay within their bound, the oldest set going first.</summary>
public sealed class PatchMemoryTests
{
    private static ObjectKey Service(int n) => new("Service", "shop", "s" + n);

    [Fact]
    public void Beyond_its_capacity_the_object_set_longest_ago_is_forgotten()
    {
        var memory = new PatchMemory();
        for (var n = 0; n < PatchMemory.Capacity; n++)
            memory.Set(Service(n), new JsonObject { ["n"] = n });
        // s0 set again: now the newest, so s1 goes first.
        memory.Set(Service(0), new JsonObject { ["n"] = -1 });
        memory.Set(Service(PatchMemory.Capacity), new JsonObject());

        Assert.Equal((PatchMemory.Capacity, -1, null), (memory.Count, memory.Get(Service(0))?["n"]?.GetValue<int>(), memory.Get(Service(1))));
        Assert.NotNull(memory.Get(Service(2)));
    }

    [Fact]
    public void One_object_set_again_and_again_stays_and_a_forgotten_one_goes()
    {
        var memory = new PatchMemory();
        for (var n = 0; n < 5 * PatchMemory.Capacity; n++)
            memory.Set(Service(0), new JsonObject { ["n"] = n });
        memory.Set(Service(1), new JsonObject());
        memory.Set(Service(1), null);

        Assert.Equal((1, 5 * PatchMemory.Capacity - 1), (memory.Count, memory.Get(Service(0))!["n"]!.GetValue<int>()));
        Assert.Null(memory.Get(Service(1)));
    }
}
