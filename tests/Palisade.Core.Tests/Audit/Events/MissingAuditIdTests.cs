using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Input;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>
/// Events written without <c>auditID</c> (hand-written or minimally generated logs): read, each request identified by its
/// time, user, verb, object and URI, with one warning per file (docs/detection.md, "Audit logs").
/// </summary>
public sealed class MissingAuditIdTests
{
    private const string Exec = """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","verb":"create","user":{"username":"alice"},"objectRef":{"resource":"pods","namespace":"shop","name":"api-1","subresource":"exec"},"responseStatus":{"code":101},"stageTimestamp":"2026-01-10T10:00:00Z"}""";

    /// <summary>A get of secret <paramref name="name"/> at the stage, received at <paramref name="received"/>.</summary>
    private static string Get(string stage, string received = "2026-01-10T10:01:00.000000Z", string name = "db", string user = "bob", string uri = "/api/v1/namespaces/shop/secrets/db") =>
        $$"""{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"{{stage}}","verb":"get","requestURI":"{{uri}}","user":{"username":"{{user}}"},"objectRef":{"resource":"secrets","namespace":"shop","name":"{{name}}"},"requestReceivedTimestamp":"{{received}}","stageTimestamp":"{{received}}"}""";

    private static List<AuditEvent> Lines(ReadDiagnostics diagnostics, params string[] lines) => ReadText(string.Join("\n", lines), diagnostics);

    [Fact]
    public void An_event_without_auditID_is_read_with_its_stage_time_when_it_has_no_received_time()
    {
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Single(Lines(diagnostics, Exec));
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal(("create", "alice", "exec"), (e.Verb, e.User.Username, e.ObjectRef!.Subresource));
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 10, 0, 0, TimeSpan.Zero), e.RequestReceived);
        Assert.NotEqual("", e.AuditId);
    }

    [Fact]
    public void Events_without_auditID_give_one_warning_per_file_not_one_per_line()
    {
        var diagnostics = new ReadDiagnostics();
        var events = Lines(diagnostics, Exec, Get("ResponseComplete"), Get("ResponseComplete", name: "other"));
        Assert.Equal(3, events.Count);
        var warning = Assert.Single(diagnostics.Warnings);
        Assert.StartsWith("audit.log: ", warning, StringComparison.Ordinal);
        Assert.Contains("3 audit events without auditID", warning, StringComparison.Ordinal);
        Assert.Equal(0, diagnostics.Malformed);
    }

    [Fact]
    public void Events_with_their_auditID_give_no_warning_and_keep_it()
    {
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Single(Lines(diagnostics, Get("ResponseComplete").Replace("\"level\"", "\"auditID\":\"id-7\",\"level\"", StringComparison.Ordinal)));
        Assert.Empty(diagnostics.Warnings);
        Assert.Equal("id-7", e.AuditId);
    }

    [Fact]
    public void The_stages_of_one_request_without_auditID_are_one_request()
    {
        var diagnostics = new ReadDiagnostics();
        var events = Lines(diagnostics, Get("RequestReceived"), Get("ResponseComplete").Replace("\"requestURI\"", "\"responseStatus\":{\"code\":200},\"requestURI\"", StringComparison.Ordinal));
        Assert.Equal(events[0].RequestKey, events[1].RequestKey);
        var order = new RequestOrder();
        var merged = Assert.Single(order.Add(events[0]).Concat(order.Add(events[1])).Concat(order.Flush()));
        Assert.Equal(200, merged.StatusCode);
    }

    [Theory]
    [InlineData("received")]
    [InlineData("name")]
    [InlineData("user")]
    [InlineData("uri")]
    public void Requests_that_differ_in_an_identifying_field_are_different_requests(string field)
    {
        var other = field switch
        {
            "received" => Get("ResponseComplete", received: "2026-01-10T10:01:00.000001Z"),
            "name" => Get("ResponseComplete", name: "cache"),
            "user" => Get("ResponseComplete", user: "carol"),
            _ => Get("ResponseComplete", uri: "/api/v1/namespaces/shop/secrets/db?timeout=5s"),
        };
        var events = Lines(new ReadDiagnostics(), Get("ResponseComplete"), other);
        Assert.NotEqual(events[0].AuditId, events[1].AuditId);
    }

    [Fact]
    public void The_subresource_tells_requests_apart()
    {
        var events = Lines(new ReadDiagnostics(), Exec, Exec.Replace("\"exec\"", "\"attach\"", StringComparison.Ordinal));
        Assert.NotEqual(events[0].AuditId, events[1].AuditId);
    }

    [Fact]
    public void Lines_with_only_their_stage_time_are_each_their_own_request_unless_all_else_matches()
    {
        var later = Exec.Replace("10:00:00Z", "10:00:05Z", StringComparison.Ordinal);
        var events = Lines(new ReadDiagnostics(), Exec, later, Exec);
        Assert.NotEqual(events[0].AuditId, events[1].AuditId);
        Assert.Equal(events[0].AuditId, events[2].AuditId);
    }

    [Fact]
    public void The_derived_id_is_the_same_in_every_read()
    {
        // serve reads a stored event again on its own: its id, and so its alert's key, must not change.
        var first = Assert.Single(Lines(new ReadDiagnostics(), Exec));
        var again = Assert.Single(Lines(new ReadDiagnostics(), Get("ResponseComplete"), Exec).Skip(1));
        Assert.Equal(first.RequestKey, again.RequestKey);
    }

    [Fact]
    public void An_EventList_item_without_kind_nor_auditID_is_read()
    {
        var item = Get("ResponseComplete").Replace("\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",", "", StringComparison.Ordinal);
        var diagnostics = new ReadDiagnostics();
        var e = Assert.Single(ReadText($$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[{{item}}]}""", diagnostics));
        Assert.Equal(0, diagnostics.Malformed);
        Assert.Equal("get", e.Verb);
    }

    [Fact]
    public void A_line_without_kind_nor_auditID_is_still_no_audit_event()
    {
        var line = """{"verb":"get","user":{"username":"carol"},"objectRef":{"resource":"secrets","namespace":"kube-system","name":"x"},"requestReceivedTimestamp":"2026-01-10T10:02:00Z"}""";
        var diagnostics = new ReadDiagnostics();
        Assert.Empty(Lines(diagnostics, line));
        Assert.Contains("not an audit event", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_reading_accepts_events_without_auditID()
    {
        var diagnostics = new ReadDiagnostics(strict: true);
        Assert.Single(Lines(diagnostics, Exec));
    }
}
