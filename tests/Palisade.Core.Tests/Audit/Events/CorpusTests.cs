using System.Text.Json;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Model;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>The falco corpus of real audit events (minikube captures): every file read, fields checked by hand.</summary>
public sealed class CorpusTests
{
    private const string Malformed = "fal_01_003.json";

    // The one file holding several events, one a line: six creations of the same ConfigMap.
    private const string SixEvents = "create_configmap_sensitive_values.json";

    [Fact]
    public void Every_corpus_file_but_the_malformed_one_holds_one_event()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Corpus(Malformed))!, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(47, files.Count);
        foreach (var file in files.Where(f => Path.GetFileName(f) != Malformed))
        {
            var events = Read(file);
            Assert.True(events.Count == (Path.GetFileName(file) == SixEvents ? 6 : 1), $"{Path.GetFileName(file)}: {events.Count} events");
            Assert.All(events, e => Assert.Equal(AuditFormat.Event, e.Format));
        }
    }

    [Fact]
    public void The_whole_corpus_counts_51_events_and_one_malformed_record()
    {
        var directory = Path.GetDirectoryName(Corpus(Malformed))!;
        var events = Read(out var diagnostics, out var reader, [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)]);
        Assert.Equal(51, events.Count);
        Assert.Equal(51, reader.EventsRead);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.Equal(0, diagnostics.Skipped);
    }

    [Fact]
    public void The_malformed_file_alone_is_bad_input_naming_file_and_line_not_an_empty_read()
    {
        var path = Corpus(Malformed);
        var error = Assert.Throws<InvalidInputException>(() => Read(out _, out _, path));
        Assert.StartsWith($"{path}: no audit event could be read: 1 malformed; the first: {path}:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_malformed_file_is_an_error_naming_file_and_line_when_strict()
    {
        var path = Corpus(Malformed);
        var error = Assert.Throws<InvalidInputException>(() => new AuditEventReader().Read([path], new ReadDiagnostics(strict: true)).ToList());
        Assert.Equal(new SourceLocation(path, 1), error.Location);
        Assert.StartsWith($"{path}:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_into_a_pod_is_a_create_on_the_exec_subresource()
    {
        var path = Corpus("exec_pod.json");
        var e = Assert.Single(Read(path));
        Assert.Equal("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", e.AuditId);
        Assert.Equal("create", e.Verb);
        Assert.Equal("ResponseStarted", e.Stage);
        Assert.Equal("Request", e.Level);
        Assert.Equal(101, e.StatusCode);
        Assert.False(e.Failed);
        Assert.Equal("minikube-user", e.User.Username);
        Assert.Equal(["system:masters", "system:authenticated"], e.User.Groups);
        Assert.Null(e.ImpersonatedUser);
        Assert.Equal(new AuditObjectRef("pods")
        {
            Subresource = "exec",
            Namespace = "default",
            Name = "nginx-deployment-7998647bdf-phvq7",
            ApiVersion = "v1",
        }, e.ObjectRef);
        Assert.Equal(["192.168.99.1"], e.SourceIps);
        Assert.StartsWith("/api/v1/namespaces/default/pods/nginx-deployment-7998647bdf-phvq7/exec?command=bash", e.RequestUri, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2018-10-26T13:38:34.867116Z"), e.RequestReceived);
        Assert.Equal(DateTimeOffset.Parse("2018-10-26T13:38:34.902914Z"), e.StageTimestamp);
        Assert.Equal("allow", e.Annotations["authorization.k8s.io/decision"]);
        Assert.Null(e.RequestObject);
        Assert.False(e.DryRun);
        Assert.False(e.Truncated);
        Assert.Equal(new SourceLocation(path, 1), e.Location);
    }

    [Fact]
    public void A_NodePort_service_creation_carries_its_request_body()
    {
        var e = Assert.Single(Read(Corpus("create_nginx_service_nodeport.json")));
        Assert.Equal(("create", "services", "default", "nginx"), (e.Verb, e.ObjectRef!.Resource, e.ObjectRef.Namespace, e.ObjectRef.Name));
        var spec = e.RequestObject!.Value.GetProperty("spec");
        Assert.Equal("NodePort", spec.GetProperty("type").GetString());
        Assert.Equal(30080, spec.GetProperty("ports")[0].GetProperty("nodePort").GetInt32());
        Assert.Equal(201, e.StatusCode);
        Assert.Null(e.ResponseObject);
    }

    [Fact]
    public void A_cluster_admin_binding_carries_both_bodies_and_its_api_group()
    {
        var e = Assert.Single(Read(Corpus("attach_cluster_admin_role.json")));
        Assert.Equal("RequestResponse", e.Level);
        Assert.Equal(new AuditObjectRef("clusterrolebindings") { Name = "some-reader-binding", ApiGroup = "rbac.authorization.k8s.io", ApiVersion = "v1" }, e.ObjectRef);
        Assert.Equal("cluster-admin", e.RequestObject!.Value.GetProperty("roleRef").GetProperty("name").GetString());
        Assert.Equal("23cf124e-d92b-11e8-a2e6-080027728ac4", e.ResponseObject!.Value.GetProperty("metadata").GetProperty("uid").GetString());
    }

    [Fact]
    public void Metadata_level_events_with_apiVersion_carry_the_user_agent()
    {
        var e = Assert.Single(Read(Corpus("create_kube_system_secret.json")));
        Assert.Equal(("Metadata", "admin", "kubeadm/v1.16.2 (linux/amd64) kubernetes/c97fe50"), (e.Level, e.User.Username, e.UserAgent));
        Assert.Equal(("secrets", "kube-system", "bootstrap-token-ne7bxu"), (e.ObjectRef!.Resource, e.ObjectRef.Namespace, e.ObjectRef.Name));
        Assert.Equal(["127.0.0.1"], e.SourceIps);
    }

    [Fact]
    public void A_v1beta1_event_by_the_anonymous_user_is_read_like_v1()
    {
        var e = Assert.Single(Read(Corpus("anonymous_creates_namespace_foo.json")));
        Assert.Equal(("system:anonymous", "create", "namespaces", "foo"), (e.User.Username, e.Verb, e.ObjectRef!.Resource, e.ObjectRef.Name));
        Assert.Equal("/api/v1/namespaces", e.RequestUri);
    }

    [Fact]
    public void A_patch_keeps_its_patch_body()
    {
        var e = Assert.Single(Read(Corpus("modify_cluster_role_node_problem_detector.json")));
        Assert.Equal("patch", e.Verb);
        Assert.Equal(JsonValueKind.Object, e.RequestObject!.Value.GetProperty("metadata").ValueKind);
    }

    [Fact]
    public void Several_events_of_one_file_keep_their_own_lines()
    {
        var path = Corpus(SixEvents);
        var events = Read(path);
        Assert.Equal([1, 2, 3, 4, 5, 6], events.Select(e => e.Location!.Line));
        Assert.Equal(6, events.Select(e => e.AuditId).Distinct().Count());
    }

    [Fact]
    public void Bodies_outlive_the_reader_buffers()
    {
        var bodies = Read(Corpus(SixEvents)).Select(e => e.ResponseObject!.Value).ToList();
        GC.Collect();
        Assert.All(bodies, b => Assert.Equal("my-config", b.GetProperty("metadata").GetProperty("name").GetString()));
    }
}
