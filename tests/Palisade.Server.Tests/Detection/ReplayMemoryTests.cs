using System.Text.Json.Nodes;
using Palisade.Audit.Timeline;
using Palisade.Model;
using Palisade.Server.Detection;

namespace Palisade.Server.Tests.Detection;

/// <summary>What the replay remembers of objects between the requests the service replays stay within their bound, the oldest set going first.</summary>
public sealed class ReplayMemoryTests
{
    private static ObjectKey Service(int n) => new("Service", "shop", "s" + n);

    private static ObjectMemory Of(JsonObject patched) => new(patched, null);

    [Fact]
    public void Beyond_its_capacity_the_object_set_longest_ago_is_forgotten()
    {
        var memory = new ReplayMemory();
        for (var n = 0; n < ReplayMemory.Capacity; n++)
            memory.Set(Service(n), Of(new JsonObject { ["n"] = n }));
        // s0 set again: now the newest, so s1 goes first.
        memory.Set(Service(0), Of(new JsonObject { ["n"] = -1 }));
        memory.Set(Service(ReplayMemory.Capacity), Of(new JsonObject()));

        Assert.Equal((ReplayMemory.Capacity, -1, null), (memory.Count, memory.Get(Service(0))?.Patched?["n"]?.GetValue<int>(), memory.Get(Service(1))));
        Assert.NotNull(memory.Get(Service(2)));
    }

    [Fact]
    public void One_object_set_again_and_again_stays_and_a_forgotten_one_goes()
    {
        var memory = new ReplayMemory();
        for (var n = 0; n < 5 * ReplayMemory.Capacity; n++)
            memory.Set(Service(0), Of(new JsonObject { ["n"] = n }));
        memory.Set(Service(1), Of(new JsonObject()));
        memory.Set(Service(1), null);

        Assert.Equal((1, 5 * ReplayMemory.Capacity - 1), (memory.Count, memory.Get(Service(0))!.Patched!["n"]!.GetValue<int>()));
        Assert.Null(memory.Get(Service(1)));
    }
}
