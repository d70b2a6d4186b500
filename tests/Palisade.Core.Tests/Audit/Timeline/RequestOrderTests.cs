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

    private static AuditEvent Request(string id, int second, string verb, string uri, string stage = "ResponseComplete") => new()
    {
        AuditId = id,
        Verb = verb,
        RequestUri = uri,
        User = new AuditUser("mallory"),
        RequestReceived = Start.AddSeconds(second),
        RequestReceivedText = $"2025-03-01T09:00:{second:00}.000000Z",
        Stage = stage,
        StatusCode = stage == "RequestReceived" ? null : 201,
    };

    // The API server takes the Audit-ID header a client sends as the request's auditID: a client can give a request the id of
    // an earlier one, and its stages are not that request's.
    [Fact]
    public void A_request_that_reuses_the_id_of_an_earlier_one_is_a_request_of_its_own()
    {
        var order = new RequestOrder(capacity: 10);
        order.Add(Request("x", 0, "get", "/api/v1/namespaces/shop/pods/web"));
        order.Add(Request("x", 5, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"));
        order.Add(Request("x", 6, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "RequestReceived"));
        order.Add(Request("x", 6, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"));

        var released = order.Flush().ToList();

        Assert.Equal(["get 0", "create 5", "create 6"], released.Select(e => $"{e.Verb} {e.RequestReceived.Second}"));
        Assert.Equal(3, released.Select(e => e.AuditId).Distinct().Count());
        Assert.Equal("ResponseComplete", released[2].Stage);
    }

    [Fact]
    public void A_reused_id_after_its_first_request_was_released_is_not_taken_for_a_late_stage()
    {
        var order = new RequestOrder(capacity: 1);
        order.Add(Request("x", 0, "get", "/api/v1/namespaces/shop/pods/web"));
        Assert.Single(order.Add(Request("y", 1, "get", "/api/v1/namespaces/shop/pods/db")));
        Assert.Single(order.Add(Request("x", 2, "create", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings")));
        Assert.Empty(order.Add(Request("x", 0, "get", "/api/v1/namespaces/shop/pods/web", "ResponseStarted")));

        Assert.Equal(["create"], order.Flush().Select(e => e.Verb));
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
