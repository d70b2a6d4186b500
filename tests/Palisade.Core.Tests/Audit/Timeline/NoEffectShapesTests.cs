using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>
/// Requests that took no effect in shapes real logs have beyond a status code and <c>?dryRun=All</c> (PRODUCT.md,
/// Detection: "Requests that failed (status ≥ 400) or were dry runs raise nothing"): a dry run asked for in the
/// DeleteOptions body (kubectl sends it there; GKE keeps no URI at all), and a request that panicked.
/// </summary>
public sealed class NoEffectShapesTests
{
    private const string Policy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""";
    private const string NodePort = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""";

    [Theory]
    [InlineData("delete")]
    [InlineData("deletecollection")]
    public void A_delete_whose_options_ask_for_a_dry_run_changes_nothing_and_raises_nothing(string verb)
    {
        // `kubectl delete networkpolicy db --dry-run=server` sends {"kind":"DeleteOptions","dryRun":["All"]} and no query.
        const string options = """{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/__internal","propagationPolicy":"Background","dryRun":["All"]}""";
        var result = Run([Event(verb, "networkpolicies", "data", verb == "delete" ? "db" : null, request: options, level: "Request", at: "03:00")], Store(Policy));
        Assert.Empty(result.Alerts);
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy data/db")));
    }

    [Fact]
    public void A_gke_delete_whose_options_ask_for_a_dry_run_raises_nothing()
    {
        const string entry = """
            {"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"mallory@example.com"},
             "methodName":"io.k8s.networking.v1.networkpolicies.delete","resourceName":"networking.k8s.io/v1/namespaces/data/networkpolicies/db",
             "serviceName":"k8s.io","status":{},
             "request":{"@type":"k8s.io/DeleteOptions","apiVersion":"v1","kind":"DeleteOptions","dryRun":["All"]}},
             "insertId":"e1","timestamp":"2024-05-01T03:00:00Z","logName":"projects/p/logs/cloudaudit.googleapis.com%2Factivity"}
            """;
        var result = Run([entry.ReplaceLineEndings("")], Store(Policy));
        Assert.Empty(result.Alerts);
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy data/db")));
    }

    [Fact]
    public void Options_without_a_dry_run_delete_as_usual()
    {
        const string options = """{"kind":"DeleteOptions","apiVersion":"meta.k8s.io/__internal","dryRun":[]}""";
        var result = Run([Event("delete", "networkpolicies", "data", "db", request: options, level: "Request", at: "03:00")], Store(Policy));
        Assert.Equal(["network-policy-tampering NetworkPolicy data/db"], Raised(result));
        Assert.Null(result.Final.Get(Key("NetworkPolicy data/db")));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(null)]
    public void A_request_that_panicked_changes_nothing_and_raises_nothing(int? code)
    {
        // The API server logs RequestReceived, then Panic (with status 500) when the handler panics; a Panic stage
        // without its status, as some pipelines keep it, failed all the same.
        var lines = new[]
        {
            Event("create", "services", "shop", request: NodePort, level: "Request", code: null, stage: "RequestReceived", id: "p-1", at: "03:00"),
            Event("create", "services", "shop", request: NodePort, level: "Request", code: code, stage: "Panic", id: "p-1", at: "03:00"),
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"LoadBalancer"}}""", level: "Request", code: 200, stage: "ResponseStarted", id: "p-2", at: "03:01"),
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"LoadBalancer"}}""", level: "Request", code: code, stage: "Panic", id: "p-2", at: "03:01"),
        };
        var result = Run(lines, Store("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"type":"ClusterIP"}}"""));
        Assert.Empty(result.Alerts);
        Assert.Null(result.Final.Get(Key("Service shop/web")));
        Assert.Equal("ClusterIP", result.Final.Get(Key("Service shop/api"))!["spec"]!["type"]!.GetValue<string>());
    }
}
