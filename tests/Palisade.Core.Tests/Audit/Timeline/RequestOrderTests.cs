using Palisade.Audit.Events;
using Palisade.Audit.Timeline;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>The order of requests: stages merged, late stages of released requests dropped, whatever form the ids take.</summary>
public sealed class RequestOrderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static AuditEvent Stage(string id, int second, string stage, int? status = null) => new()
    {
        AuditId = id,
        Verb = "get",
        User = new AuditUser("alice"),
        RequestReceived = Start.AddSeconds(second),
        Stage = stage,
        StatusCode = status,
    };

    [Theory]
    [InlineData("0b1f6471-1bf0-4dda-aec3-cb9272f09590")]
    [InlineData("0B1F6471-1BF0-4DDA-AEC3-CB9272F09590")]
    [InlineData("{0b1f6471-1bf0-4dda-aec3-cb9272f09590}")]
    [InlineData("projects/shop/operations/1234")]
    public void A_stage_after_its_request_was_released_is_dropped(string id)
    {
        var order = new RequestOrder(capacity: 1);
        Assert.Empty(order.Add(Stage(id, 0, "RequestReceived")));
        var released = Assert.Single(order.Add(Stage("other", 1, "RequestReceived")));
        Assert.Equal(id, released.AuditId);
        Assert.Empty(order.Add(Stage(id, 0, "ResponseComplete", 200)));
        Assert.Equal(["other"], order.Flush().Select(e => e.AuditId));
        Assert.Equal(0, order.Late);
    }

    [Fact]
    public void Ids_that_differ_only_in_case_are_different_requests()
    {
        var order = new RequestOrder(capacity: 1);
        order.Add(Stage("0b1f6471-1bf0-4dda-aec3-cb9272f09590", 0, "ResponseComplete", 200));
        Assert.Equal("0b1f6471-1bf0-4dda-aec3-cb9272f09590", Assert.Single(order.Add(Stage("other", 1, "ResponseComplete", 200))).AuditId);
        Assert.Equal("other", Assert.Single(order.Add(Stage("0B1F6471-1BF0-4DDA-AEC3-CB9272F09590", 2, "ResponseComplete", 200))).AuditId);
        Assert.Equal("0B1F6471-1BF0-4DDA-AEC3-CB9272F09590", Assert.Single(order.Flush()).AuditId);
    }

    [Fact]
    public void Stages_waiting_together_merge_into_the_last_with_a_status()
    {
        var order = new RequestOrder(capacity: 10);
        order.Add(Stage("a", 0, "RequestReceived"));
        order.Add(Stage("a", 0, "ResponseComplete", 403));
        var merged = Assert.Single(order.Flush());
        Assert.Equal("ResponseComplete", merged.Stage);
        Assert.True(merged.Failed);
    }

    [Theory]
    [InlineData("secrets", "kube-system", "get", true)]
    [InlineData("secrets", null, "list", true)]
    [InlineData("secrets", "kube-system", "watch", true)]
    [InlineData("secrets", "shop", "get", false)]
    [InlineData("secrets", "kube-system", "create", false)]
    [InlineData("configmaps", "kube-system", "get", false)]
    [InlineData("networkpolicies", "shop", "patch", true)]
    public void Only_requests_a_rule_or_the_replay_looks_at_are_replayed(string resource, string? ns, string verb, bool relevant)
    {
        var e = new AuditEvent
        {
            AuditId = "a",
            Verb = verb,
            User = new AuditUser("alice"),
            RequestReceived = Start,
            ObjectRef = new AuditObjectRef(resource) { Namespace = ns },
        };
        Assert.Equal(relevant, AuditReplay.IsRelevant(e));
    }
}
