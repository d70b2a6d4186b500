using System.Text;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Input;
using Palisade.Server.Detection;
using Palisade.Server.Watch;
using static Palisade.Testing.AuditLines;

namespace Palisade.Server.Tests.Detection;

/// <summary>Which audited request names a change the watch saw, as <c>flows check --audit</c> names the write behind a state.</summary>
public sealed class AuditWritesTests
{
    private static AuditWrites Writes(params string[] lines)
    {
        var writes = new AuditWrites();
        using var source = InputSource.FromStream("audit", new MemoryStream(Encoding.UTF8.GetBytes(Log(lines))));
        var replay = new AuditReplay(ObjectStore.Empty, initialIsComplete: false);
        foreach (var e in new AuditEventReader().Read(source, new ReadDiagnostics()))
            writes.Add(replay.Apply(e));
        return writes;
    }

    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(Time(time), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_relabel_seen_with_the_endpoints_its_controller_then_updated_is_named_by_the_relabel()
    {
        // kubectl label pod report app=web; the endpoints controller follows 5 ms later, and one watch batch holds both.
        var writes = Writes(
            Event("patch", "pods", "shop", "report", user: "eve", at: "03:00:00.000000", request: """{"metadata":{"labels":{"app":"web"}}}""", code: 200),
            Event("update", "endpoints", "shop", "web", user: "system:serviceaccount:kube-system:endpoint-controller", at: "03:00:00.005000",
                request: """{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web","namespace":"shop"},"subsets":[]}""", code: 200));

        var cause = writes.Resolve(At("03:00:00.050000"), [new ObjectTouch("modified", "Pod shop/report"), new ObjectTouch("modified", "Endpoints shop/web")]);

        Assert.Equal(("eve", "patch", "Pod shop/report"), (cause?.User, cause?.Verb, cause?.Object));
    }

    [Fact]
    public void A_refused_write_or_one_long_before_names_nothing()
    {
        var writes = Writes(
            Event("create", "networkpolicies", "shop", "allow", user: "eve", at: "03:00", code: 403, decision: "forbid"),
            Event("delete", "networkpolicies", "shop", "allow", user: "eve", at: "02:00", code: 200));

        Assert.Null(writes.Resolve(At("03:00:01"), [new ObjectTouch("added", "NetworkPolicy shop/allow")]));
    }
}
