using Palisade.Audit.Events;
using Palisade.Input;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>GKE Cloud Logging entries: the AuditLog payload mapped to the Event the API server would have written.</summary>
public sealed class GkeTests
{
    private static List<AuditEvent> Entries(out ReadDiagnostics diagnostics) =>
        Read(out diagnostics, out _, Fixture("gke-entries.jsonl"));

    [Fact]
    public void Kubernetes_entries_become_events_and_cluster_operations_are_skipped()
    {
        var events = Entries(out var diagnostics);
        Assert.Equal(4, events.Count);
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
        Assert.All(events, e => Assert.Equal(AuditFormat.Gke, e.Format));
        Assert.Equal([1, 2, 3, 4], events.Select(e => e.Location!.Line));
    }

    [Fact]
    public void An_exec_entry_maps_method_resource_caller_time_and_labels()
    {
        var e = Entries(out _)[0];
        Assert.Equal("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", e.AuditId);
        Assert.Equal("create", e.Verb);
        Assert.Equal(new AuditObjectRef("pods")
        {
            Subresource = "exec",
            Namespace = "default",
            Name = "nginx-deployment-7998647bdf-phvq7",
            ApiVersion = "v1",
        }, e.ObjectRef);
        Assert.Equal("minikube-user@example.com", e.User.Username);
        Assert.Empty(e.User.Groups);
        Assert.Equal(["192.168.99.1"], e.SourceIps);
        Assert.Equal("kubectl/v1.28.2 (linux/amd64) kubernetes/89a4ea3", e.UserAgent);
        Assert.Equal(200, e.StatusCode);
        Assert.False(e.Failed);
        // Nanoseconds are cut to the 100 ns ticks of DateTimeOffset.
        Assert.Equal(DateTimeOffset.Parse("2018-10-26T13:38:34.8671161Z"), e.RequestReceived);
        Assert.Equal("allow", e.Annotations["authorization.k8s.io/decision"]);
        Assert.Equal(("ResponseComplete", "Metadata"), (e.Stage, e.Level));
    }

    [Fact]
    public void A_network_policy_delete_names_its_group_and_namespace()
    {
        var e = Entries(out _)[1];
        Assert.Equal("delete", e.Verb);
        Assert.Equal(new AuditObjectRef("networkpolicies") { Namespace = "shop", Name = "default-deny", ApiGroup = "networking.k8s.io", ApiVersion = "v1" }, e.ObjectRef);
        Assert.Equal("Request", e.Level);
        Assert.Equal("Background", e.RequestObject!.Value.GetProperty("propagationPolicy").GetString());
    }

    [Fact]
    public void A_cluster_scoped_binding_has_no_namespace_and_keeps_its_bodies()
    {
        var e = Entries(out _)[2];
        Assert.Equal("create", e.Verb);
        Assert.Equal(new AuditObjectRef("clusterrolebindings") { Name = "some-reader-binding", ApiGroup = "rbac.authorization.k8s.io", ApiVersion = "v1" }, e.ObjectRef);
        Assert.Equal("RequestResponse", e.Level);
        Assert.Equal("system:basic-user", e.RequestObject!.Value.GetProperty("roleRef").GetProperty("name").GetString());
        Assert.Equal("some-reader-binding", e.ResponseObject!.Value.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void A_denied_entry_failed_with_403()
    {
        var e = Entries(out _)[3];
        Assert.Equal(("get", "secrets", "kube-system"), (e.Verb, e.ObjectRef!.Resource, e.ObjectRef.Namespace));
        Assert.Equal((403, "PERMISSION_DENIED"), (e.StatusCode, e.StatusMessage));
        Assert.True(e.Failed);
        Assert.Equal("system:anonymous", e.User.Username);
    }

    [Fact]
    public void A_gcloud_json_array_yields_its_entries()
    {
        var events = Read(Fixture("gke-array.json"));
        Assert.Equal(["ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", "e040d0ab-473c-442c-9707-88553173e962"], events.Select(e => e.AuditId));
        Assert.Equal([2, 50], events.Select(e => e.Location!.Line));
    }

    [Theory]
    [InlineData(0, 200)]
    [InlineData(3, 400)]
    [InlineData(5, 404)]
    [InlineData(6, 409)]
    [InlineData(7, 403)]
    [InlineData(16, 401)]
    [InlineData(8, 429)]
    [InlineData(14, 503)]
    [InlineData(2, 500)]
    [InlineData(13, 500)]
    [InlineData(42, 500)]
    public void Grpc_status_codes_map_to_http(int grpc, int http) => Assert.Equal(http, GrpcStatus.ToHttp(grpc));

    [Theory]
    [InlineData("{\"code\":5,\"message\":\"not found\"}", 404)]
    [InlineData("{\"code\":6}", 409)]
    [InlineData("{}", 200)]
    [InlineData(null, 200)]
    public void The_entry_status_is_read_as_grpc(string? status, int http)
    {
        var statusMember = status is null ? "" : ",\"status\":" + status;
        var entry = """{"insertId":"i1","timestamp":"2024-05-02T10:00:00Z","protoPayload":{"methodName":"io.k8s.core.v1.configmaps.update","resourceName":"core/v1/namespaces/a/configmaps/b","serviceName":"k8s.io"STATUS}}""".Replace("STATUS", statusMember, StringComparison.Ordinal);
        var e = Assert.Single(ReadText(entry, new ReadDiagnostics()));
        Assert.Equal(http, e.StatusCode);
        Assert.Equal("i1", e.AuditId);
        Assert.Equal("", e.User.Username);
    }

    [Theory]
    [InlineData("io.k8s.core.v1.pods.exec.create", "core/v1/namespaces/ns/pods/p/exec", "create", "pods", "exec", "ns", "p", "", "v1")]
    [InlineData("io.k8s.core.v1.pods.create", "core/v1/namespaces/ns/pods", "create", "pods", null, "ns", null, "", "v1")]
    [InlineData("io.k8s.core.v1.namespaces.delete", "core/v1/namespaces/foo", "delete", "namespaces", null, null, "foo", "", "v1")]
    [InlineData("io.k8s.core.v1.namespaces.finalize.update", "core/v1/namespaces/foo/finalize", "update", "namespaces", "finalize", null, "foo", "", "v1")]
    [InlineData("io.k8s.apps.v1.deployments.scale.patch", "apps/v1/namespaces/shop/deployments/web/scale", "patch", "deployments", "scale", "shop", "web", "apps", "v1")]
    [InlineData("io.k8s.networking.v1.networkpolicies.delete", "networking.k8s.io/v1/namespaces/shop/networkpolicies/deny", "delete", "networkpolicies", null, "shop", "deny", "networking.k8s.io", "v1")]
    [InlineData("io.k8s.authorization.rbac.v1.clusterroles.create", "rbac.authorization.k8s.io/v1/clusterroles/admin2", "create", "clusterroles", null, null, "admin2", "rbac.authorization.k8s.io", "v1")]
    [InlineData("io.k8s.policy.v1beta1.podsecuritypolicies.list", "policy/v1beta1/podsecuritypolicies", "list", "podsecuritypolicies", null, null, null, "policy", "v1beta1")]
    public void Method_and_resource_names_give_the_object_reference(string method, string resourceName, string verb, string resource,
        string? subresource, string? ns, string? name, string group, string version)
    {
        var (parsedVerb, objectRef) = GkeResource.Parse(method, resourceName);
        Assert.Equal(verb, parsedVerb);
        Assert.Equal(new AuditObjectRef(resource) { Subresource = subresource, Namespace = ns, Name = name, ApiGroup = group, ApiVersion = version }, objectRef);
    }

    [Theory]
    [InlineData("io.k8s.core.v1.pods.create", "")]
    [InlineData("io.k8s.apps.v1.deployments.patch", "apps")]
    [InlineData("io.k8s.networking.v1.networkpolicies.create", "networking.k8s.io")]
    [InlineData("io.k8s.authorization.rbac.v1.rolebindings.create", "rbac.authorization.k8s.io")]
    [InlineData("io.cilium.v2.ciliumnetworkpolicies.create", "cilium.io")]
    public void Without_a_resource_name_the_group_comes_from_the_method(string method, string group) =>
        Assert.Equal(group, GkeResource.Parse(method, null).ObjectRef!.ApiGroup);

    [Fact]
    public void A_method_without_a_resource_is_a_non_resource_request() =>
        Assert.Equal(("get", (AuditObjectRef?)null), GkeResource.Parse("io.k8s.get", "healthz"));

    [Fact]
    public void An_entry_without_method_is_malformed_and_one_of_another_service_skipped()
    {
        var diagnostics = new ReadDiagnostics();
        var text = """
            {"insertId":"a","timestamp":"2024-05-02T10:00:00Z","protoPayload":{"serviceName":"k8s.io"}}
            {"insertId":"b","timestamp":"2024-05-02T10:00:00Z","protoPayload":{"methodName":"google.container.v1.ClusterManager.GetCluster","serviceName":"container.googleapis.com"}}
            """;
        Assert.Empty(ReadText(text, diagnostics));
        Assert.Equal((1L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
        Assert.Contains("audit.log:1: GKE entry without protoPayload.methodName", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_entry_of_a_long_running_request_is_its_started_stage()
    {
        var entry = """{"timestamp":"2024-05-02T10:00:00Z","operation":{"id":"op","first":true,"last":false},"protoPayload":{"methodName":"io.k8s.core.v1.pods.watch","serviceName":"k8s.io"}}""";
        Assert.Equal("ResponseStarted", Assert.Single(ReadText(entry, new ReadDiagnostics())).Stage);
    }
}
