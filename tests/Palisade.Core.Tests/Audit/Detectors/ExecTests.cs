using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary><c>exec</c> (PRODUCT.md, Detection): any verb on <c>exec</c>, <c>attach</c>, <c>portforward</c>; WebSocket clients are audited as <c>get</c>.</summary>
public sealed class ExecTests
{
    [Theory]
    [InlineData("exec", "create", "command=sh&command=-c&command=cat%20%2Fetc%2Fshadow&container=c&stdin=true&tty=true", "mallory ran a command in Pod shop/web-1 (sh -c cat /etc/shadow)")]
    [InlineData("exec", "get", "command=bash&container=c", "mallory ran a command in Pod shop/web-1 (bash)")]
    [InlineData("attach", "create", "container=c&stdin=true", "mallory attached to Pod shop/web-1")]
    [InlineData("attach", "get", null, "mallory attached to Pod shop/web-1")]
    [InlineData("portforward", "create", "ports=5432", "mallory forwarded a port of Pod shop/web-1")]
    [InlineData("portforward", "get", "ports=5432", "mallory forwarded a port of Pod shop/web-1")]
    public void Exec_attach_and_port_forward_are_reported_whatever_the_verb(string subresource, string verb, string? query, string message)
    {
        var result = Run([Event(verb, "pods", "shop", "web-1", subresource: subresource, query: query, level: "Request", code: 101, at: "03:12")], initial: null, complete: false);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("exec", Severity.Medium, "Pod shop/web-1", verb), (alert.Rule, alert.Severity, alert.Object, alert.Verb));
        Assert.Equal(message, alert.Message);
        Assert.Equal(["T1609"], alert.Attack);
        Assert.Empty(alert.Opened);
        Assert.Empty(result.Changes);
    }

    [Theory]
    [InlineData("get", null, 200)]
    [InlineData("get", "log", 200)]
    [InlineData("create", "eviction", 201)]
    [InlineData("create", "exec", 403)]
    [InlineData("get", "portforward", 500)]
    public void Other_pod_requests_and_failed_ones_are_not_exec(string verb, string? subresource, int code)
    {
        var result = Run([Event(verb, "pods", "shop", "web-1", subresource: subresource, code: code, decision: code == 403 ? "forbid" : "allow")], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void A_denied_exec_is_not_reported()
    {
        var result = Run([Event("create", "pods", "shop", "web-1", subresource: "exec", query: "command=sh", code: null, decision: "forbid")], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }
}
