using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>anonymous-access</c> and <c>secret-access</c> (PRODUCT.md, Detection): allowed resource requests by the
/// unauthenticated, health and version paths exempt; reads of Secrets across all namespaces or in kube-system by
/// anyone but the control plane.
/// </summary>
public sealed class AnonymousAndSecretAccessTests
{
    private static readonly string[] Unauthenticated = ["system:unauthenticated"];

    [Fact]
    public void An_allowed_resource_request_by_the_anonymous_user_is_reported()
    {
        var result = Run([
            Event("list", "pods", "default", user: "system:anonymous", groups: Unauthenticated, at: "03:00"),
            Event("create", "namespaces", request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"foo"}}""", user: "system:anonymous", groups: Unauthenticated, at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal(["anonymous-access Pod default/*", "anonymous-access Namespace foo"], Raised(result));
        var alert = result.Alerts[0];
        Assert.Equal((Severity.High, "system:anonymous", "list"), (alert.Severity, alert.User, alert.Verb));
        Assert.Equal("an unauthenticated client (192.0.2.10) listed Pod default/*", alert.Message);
        Assert.Equal(["T1078.001", "T1190"], alert.Attack);
    }

    [Fact]
    public void A_member_of_system_unauthenticated_is_anonymous_whatever_its_name()
    {
        var result = Run([Event("get", "configmaps", "kube-system", "cluster-info", user: "proxy-user", groups: Unauthenticated)], initial: null, complete: false);
        Assert.Equal(["anonymous-access ConfigMap kube-system/cluster-info"], Raised(result));
    }

    [Fact]
    public void Denied_anonymous_requests_health_and_version_paths_and_authenticated_users_are_not_reported()
    {
        var result = Run([
            Event("list", "pods", "default", user: "system:anonymous", groups: Unauthenticated, code: 403, decision: "forbid", at: "03:00"),
            Event("get", "secrets", "kube-system", "x", user: "system:anonymous", groups: Unauthenticated, code: 401, decision: "forbid", at: "03:01"),
            NonResource("/healthz", at: "03:02"),
            NonResource("/version", at: "03:03"),
            NonResource("/livez", user: "someone", at: "03:04"),
            Event("list", "pods", "default", user: "alice", at: "03:05"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
        Assert.Equal(6, result.Events);
    }

    [Theory]
    [InlineData("list", null, null, "Secret */*", "listed")]
    [InlineData("watch", null, null, "Secret */*", "watched")]
    [InlineData("get", "kube-system", "bootstrap-token-abcdef", "Secret kube-system/bootstrap-token-abcdef", "read")]
    [InlineData("list", "kube-system", null, "Secret kube-system/*", "listed")]
    [InlineData("watch", "kube-system", null, "Secret kube-system/*", "watched")]
    public void Reading_secrets_everywhere_or_in_kube_system_is_reported(string verb, string? ns, string? name, string objectText, string past)
    {
        var result = Run([Event(verb, "secrets", ns, name, user: "alice", level: "Metadata")], initial: null, complete: false);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("secret-access", Severity.Medium, objectText), (alert.Rule, alert.Severity, alert.Object));
        Assert.Equal($"alice {past} {objectText}", alert.Message);
        Assert.Equal(["T1552.007"], alert.Attack);
    }

    [Fact]
    public void Reads_that_share_an_audit_id_a_client_chose_are_reported_each()
    {
        // The API server takes the client's Audit-ID header as the auditID: one id on every request must not hide the later ones.
        var result = Run([
            Event("get", "secrets", "kube-system", "a", user: "alice", level: "Metadata", id: "chosen", at: "03:00"),
            Event("get", "secrets", "kube-system", "b", user: "alice", level: "Metadata", id: "chosen", at: "03:01"),
            Event("list", "secrets", null, null, user: "alice", level: "Metadata", id: "chosen", at: "03:02"),
        ], initial: null, complete: false);
        Assert.Equal(["secret-access Secret kube-system/a", "secret-access Secret kube-system/b", "secret-access Secret */*"], Raised(result));
    }

    [Theory]
    [InlineData("get", "shop")]
    [InlineData("list", "kube-public")]
    [InlineData("create", "kube-system")]
    [InlineData("update", "kube-system")]
    [InlineData("delete", "kube-system")]
    [InlineData("deletecollection", null)]
    public void Other_secret_requests_are_not_reported(string verb, string? ns)
    {
        var result = Run([Event(verb, "secrets", ns, verb is "get" or "update" or "delete" ? "s" : null, user: "alice", level: "Metadata")], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Theory]
    [InlineData("system:kube-controller-manager", false)]
    [InlineData("system:kube-scheduler", false)]
    [InlineData("system:serviceaccount:kube-system:generic-garbage-collector", false)]
    [InlineData("system:serviceaccount:monitoring:prometheus", true)]
    [InlineData("system:serviceaccount:kube-systemx:impostor", true)]
    [InlineData("kube-system", true)]
    public void The_control_plane_is_exempt_and_only_it(string user, bool raised)
    {
        var result = Run([
            Event("list", "secrets", user: user, level: "Metadata", at: "03:00"),
            Event("get", "secrets", "kube-system", "token", user: user, level: "Metadata", at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal(raised ? 2 : 0, result.Alerts.Count);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("core", true)]
    [InlineData("secrets-store.csi.x-k8s.io", false)]
    [InlineData("example.com", false)]
    public void Only_the_core_groups_secrets_are_secrets(string group, bool raised)
    {
        // A custom resource named secrets in another API group (a secrets operator's) holds no Kubernetes Secret.
        static string InGroup(string line, string group) => group.Length == 0 ? line
            : line.Replace("\"resource\":\"secrets\"", $"\"resource\":\"secrets\",\"apiGroup\":\"{group}\"", StringComparison.Ordinal);
        var result = Run([
            InGroup(Event("list", "secrets", user: "alice", level: "Metadata", at: "03:00"), group),
            InGroup(Event("get", "secrets", "kube-system", "token", user: "alice", level: "Metadata", at: "03:01"), group),
        ], initial: null, complete: false);
        Assert.Equal(raised ? ["secret-access Secret */*", "secret-access Secret kube-system/token"] : [], Raised(result));
    }

    [Fact]
    public void A_failed_or_denied_secret_read_is_not_reported()
    {
        var result = Run([
            Event("list", "secrets", user: "alice", code: 403, decision: "forbid", at: "03:00"),
            Event("get", "secrets", "kube-system", "missing", user: "alice", code: 404, at: "03:01"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }
}
