using System.Text.Json.Nodes;
using Palisade.Audit.Events;
using Palisade.Input;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>The fields derived from an event (dry run, failure, truncation) and what makes an object an audit event.</summary>
public sealed class EventFieldTests
{
    /// <summary>A real event (the NodePort service creation) changed by <paramref name="change"/>, as one line.</summary>
    private static string Event(Action<JsonObject> change)
    {
        var e = JsonNode.Parse(CorpusLine("create_nginx_service_nodeport.json"))!.AsObject();
        change(e);
        return e.ToJsonString();
    }

    private static AuditEvent ReadOne(string line)
    {
        var diagnostics = new ReadDiagnostics();
        var events = ReadText(line, diagnostics);
        Assert.Empty(diagnostics.Warnings);
        return Assert.Single(events);
    }

    private static string ReadMalformed(string line)
    {
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(ReadText(line, diagnostics));
        return Assert.Single(diagnostics.Warnings);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/services?dryRun=All", true)]
    [InlineData("/api/v1/namespaces/default/services?fieldManager=kubectl-client-side-apply&dryRun=All&fieldValidation=Strict", true)]
    [InlineData("/api/v1/namespaces/default/services?dry%52un=%41ll", true)]
    [InlineData("/api/v1/namespaces/default/services?%64%72%79%52%75%6E=All", true)]
    [InlineData("/api/v1/namespaces/default/services", false)]
    [InlineData("/api/v1/namespaces/default/services?dryRun=", false)]
    [InlineData("/api/v1/namespaces/default/services?labelSelector=a%26dryRun%3DAll", false)]
    [InlineData("/api/v1/namespaces/dryRun=All/services", false)]
    public void A_dry_run_is_read_from_the_query_as_the_API_server_reads_it(string uri, bool dryRun) =>
        Assert.Equal(dryRun, ReadOne(Event(e => e["requestURI"] = uri)).DryRun);

    [Fact]
    public void A_request_failed_when_its_status_is_400_or_more()
    {
        var e = ReadOne(Event(ev => ev["responseStatus"] = JsonNode.Parse("""
            {"metadata":{},"status":"Failure","message":"services \"nginx\" is forbidden: User \"bob\" cannot create resource \"services\"","reason":"Forbidden","code":403}
            """)));
        Assert.True(e.Failed);
        Assert.Equal(403, e.StatusCode);
        Assert.StartsWith("services \"nginx\" is forbidden", e.StatusMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"metadata":{},"status":"Failure","reason":"Forbidden"}""", true)]
    [InlineData("""{"metadata":{},"status":"Success"}""", false)]
    [InlineData("""{"metadata":{}}""", false)]
    public void A_status_saying_failure_without_a_code_failed(string status, bool failed)
    {
        // Hand-written and converted logs sometimes keep the Status's verdict but not its code.
        var e = ReadOne(Event(ev => ev["responseStatus"] = JsonNode.Parse(status)));
        Assert.Null(e.StatusCode);
        Assert.Equal(failed, e.Failed);
    }

    [Fact]
    public void A_status_without_message_gives_its_reason()
    {
        var e = ReadOne(Event(ev => ev["responseStatus"] = JsonNode.Parse("""{"metadata":{},"reason":"AlreadyExists","code":409}""")));
        Assert.Equal((409, "AlreadyExists"), (e.StatusCode, e.StatusMessage));
    }

    [Fact]
    public void The_request_received_stage_has_no_status_and_has_not_failed()
    {
        var e = ReadOne(Event(ev =>
        {
            ev.Remove("responseStatus");
            ev["stage"] = "RequestReceived";
        }));
        Assert.Null(e.StatusCode);
        Assert.False(e.Failed);
    }

    [Fact]
    public void A_truncated_event_says_so()
    {
        var e = ReadOne(Event(ev =>
        {
            ev["annotations"]!["audit.k8s.io/truncated"] = "true";
            ev.Remove("requestObject");
        }));
        Assert.True(e.Truncated);
        Assert.Null(e.RequestObject);
    }

    [Fact]
    public void An_event_without_apiVersion_nor_kind_is_accepted_on_auditID_verb_and_stage()
    {
        var e = ReadOne(Event(ev =>
        {
            ev.Remove("kind");
            ev.Remove("apiVersion");
        }));
        Assert.Equal("ceba9ec7-50b5-4bde-8b27-5909df9b35c9", e.AuditId);
    }

    [Fact]
    public void An_object_with_neither_kind_nor_stage_is_not_an_audit_event() =>
        Assert.Contains("not an audit event", ReadMalformed(Event(ev =>
        {
            ev.Remove("kind");
            ev.Remove("stage");
        })), StringComparison.Ordinal);

    [Fact]
    public void A_core_Event_is_not_an_audit_event() =>
        Assert.Contains("apiVersion v1", ReadMalformed(Event(ev => ev["apiVersion"] = "v1")), StringComparison.Ordinal);

    [Fact]
    public void A_Pod_is_not_an_audit_event() =>
        Assert.Contains("kind Pod", ReadMalformed("""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}"""), StringComparison.Ordinal);

    [Fact]
    public void An_event_without_its_verb_is_malformed() =>
        Assert.Contains("without verb", ReadMalformed(Event(ev => ev.Remove("verb"))), StringComparison.Ordinal);

    [Fact]
    public void An_event_without_any_time_is_malformed() =>
        Assert.Contains("without requestReceivedTimestamp", ReadMalformed(Event(ev =>
        {
            ev.Remove("requestReceivedTimestamp");
            ev.Remove("stageTimestamp");
            ev.Remove("timestamp");
        })), StringComparison.Ordinal);

    [Fact]
    public void The_time_falls_back_to_the_stage_timestamp()
    {
        var e = ReadOne(Event(ev => ev.Remove("requestReceivedTimestamp")));
        Assert.Equal(DateTimeOffset.Parse("2018-10-26T09:31:36.134295Z"), e.RequestReceived);
    }

    [Fact]
    public void A_time_that_is_not_a_time_is_malformed() =>
        Assert.Contains("requestReceivedTimestamp: not an RFC 3339 time", ReadMalformed(Event(ev => ev["requestReceivedTimestamp"] = "yesterday")), StringComparison.Ordinal);

    [Fact]
    public void A_field_of_the_wrong_type_is_malformed() =>
        Assert.Contains("verb: expected a string", ReadMalformed(Event(ev => ev["verb"] = 3)), StringComparison.Ordinal);

    [Fact]
    public void An_impersonated_request_names_both_users()
    {
        var e = ReadOne(Event(ev => ev["impersonatedUser"] = JsonNode.Parse("""{"username":"system:serviceaccount:shop:deployer","uid":"u-1","groups":["system:serviceaccounts"]}""")));
        Assert.Equal("minikube-user", e.User.Username);
        Assert.Equal(new AuditUser("system:serviceaccount:shop:deployer") { Uid = "u-1", Groups = e.ImpersonatedUser!.Groups }, e.ImpersonatedUser);
        Assert.Equal(["system:serviceaccounts"], e.ImpersonatedUser.Groups);
    }

    [Fact]
    public void Every_object_reference_field_is_read()
    {
        var e = ReadOne(Event(ev => ev["objectRef"] = JsonNode.Parse("""
            {"resource":"deployments","subresource":"scale","namespace":"shop","name":"web","apiGroup":"apps","apiVersion":"v1","resourceVersion":"4711","uid":"0c1d2e3f"}
            """)));
        Assert.Equal(new AuditObjectRef("deployments")
        {
            Subresource = "scale",
            Namespace = "shop",
            Name = "web",
            ApiGroup = "apps",
            ApiVersion = "v1",
            ResourceVersion = "4711",
            Uid = "0c1d2e3f",
        }, e.ObjectRef);
    }

    [Fact]
    public void A_non_resource_request_has_no_object_reference()
    {
        var e = ReadOne(Event(ev =>
        {
            ev.Remove("objectRef");
            ev["requestURI"] = "/healthz";
            ev["verb"] = "get";
        }));
        Assert.Null(e.ObjectRef);
        Assert.Equal("/healthz", e.RequestUri);
    }

    [Fact]
    public void Escaped_strings_are_unescaped()
    {
        var line = Event(ev => ev["verb"] = "x").Replace("\"verb\":\"x\"", "\"verb\":\"cr\\u0065ate\"", StringComparison.Ordinal)
            .Replace("\"username\":\"minikube-user\"", "\"username\":\"mini\\/kube\"", StringComparison.Ordinal);
        var e = ReadOne(line);
        Assert.Equal(("create", "mini/kube"), (e.Verb, e.User.Username));
    }

    [Fact]
    public void Repeated_users_and_annotations_are_shared_not_copied()
    {
        var events = ReadText(Event(_ => { }) + "\n" + Event(ev => ev["auditID"] = "other"), new ReadDiagnostics());
        Assert.Same(events[0].User, events[1].User);
        Assert.Same(events[0].Annotations, events[1].Annotations);
    }
}
