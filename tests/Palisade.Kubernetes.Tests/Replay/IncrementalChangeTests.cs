using System.Text.Json;
using Palisade.Audit.Detection;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Kubernetes.Replay;
using Palisade.Testing;

namespace Palisade.Kubernetes.Tests.Replay;

/// <summary>
/// The change evaluator follows a replay incrementally; what it says each change opened and closed must be what
/// comparing the whole states says (the diff of palisade diff), for every kind of write it follows and for the
/// ones that make it start over.
/// </summary>
public sealed class IncrementalChangeTests
{
    private static readonly string ClusterFile = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "flows", "cluster.yaml");

    private static readonly string[] Bodies =
    [
        Write("create", "networkpolicies", "web", "allow-frontend", """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-frontend","namespace":"db"},"spec":{"podSelector":{"matchLabels":{"app":"postgres"}},"ingress":[{"from":[{"namespaceSelector":{}}],"ports":[{"port":5432}]}]}}""", ns2: "db"),
        Write("patch", "namespaces", null, "web", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"web","labels":{"tier":"front"}}}"""),
        Write("patch", "pods", "web", "api", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api","namespace":"web","labels":{"app":"api2"}},"spec":{"containers":[{"name":"c","image":"api","ports":[{"containerPort":9000}]}]},"status":{"podIP":"10.244.0.11"}}"""),
        Write("create", "networkpolicies", "web", "web-deny", """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"web-deny","namespace":"web"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"],"egress":[{"to":[{"ipBlock":{"cidr":"203.0.113.0/24"}}]}]}}"""),
        Write("create", "deployments", "web", "worker", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"worker","namespace":"web"},"spec":{"selector":{"matchLabels":{"app":"worker"}},"template":{"metadata":{"labels":{"app":"worker"}},"spec":{"containers":[{"name":"c","image":"w"}]}}}}"""),
        Write("delete", "networkpolicies", "db", "allow-frontend", null),
        Write("delete", "networkpolicies", "db", "default-deny", null),
        Write("delete", "pods", "web", "api", null),
    ];

    private static readonly string V6Policy = Write("create", "networkpolicies", "web", "api-v6", """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"api-v6","namespace":"web"},"spec":{"podSelector":{"matchLabels":{"app":"api"}},"policyTypes":["Egress"],"egress":[{"to":[{"ipBlock":{"cidr":"2001:db8::5/128"}}]}]}}""");

    private static readonly string Ingress = Write("create", "ingresses", "db", "pg", """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"pg","namespace":"db"},"spec":{"defaultBackend":{"service":{"name":"postgres","port":{"number":5432}}}}}""");

    [Fact]
    public void Each_change_opens_and_closes_what_comparing_the_states_says()
    {
        var seen = Replay(Bodies);
        Assert.True(seen > 5, "the changes should open and close something");
    }

    [Fact]
    public void A_first_IPv6_ipBlock_changes_only_the_pods_it_governs_when_followed_incrementally()
    {
        Assert.True(Replay([V6Policy, Write("delete", "networkpolicies", "web", "api-v6", null)]) > 0, "the policy should close the api pod's other egress");
    }

    [Fact]
    public void A_first_IPv6_ipBlock_changes_only_the_pods_it_governs_when_the_whole_states_are_compared()
    {
        Assert.True(Replay([Ingress, V6Policy]) > 0, "the policy should close the api pod's other egress");
    }

    /// <summary>Replays the writes, checking each against the diff; returns how many lines they opened and closed.</summary>
    private static int Replay(string[] writes)
    {
        var (_, bodies) = ManifestSource.LoadWithBodies([ClusterFile]);
        var model = new ReplayModel();
        var evaluator = new ChangeEvaluator(model);
        var replay = new AuditReplay(ObjectStore.Of(bodies), initialIsComplete: true);
        var seen = 0;
        foreach (var e in Events(writes))
        {
            var request = replay.Apply(e);
            evaluator.Observe(request);
            var said = evaluator.Compare(request);
            var diff = DiffUseCase.Run(model.Build(request.Before), model.Build(request.After), ConnectivityOptions.Default).Diff;
            var opened = diff.Changes.Where(c => !c.After.Except(c.Before).IsEmpty).Select(c => $"{c.Source} => {c.Destination} : {c.After.Except(c.Before)}");
            var closed = diff.Changes.Where(c => !c.Before.Except(c.After).IsEmpty).Select(c => $"{c.Source} => {c.Destination} : {c.Before.Except(c.After)}");
            Assert.True(opened.Order().SequenceEqual(said.Opened.Order()), $"{request.ObjectText}: diff {string.Join(" | ", opened.Order())} vs said {string.Join(" | ", said.Opened.Order())}");
            Assert.True(closed.Order().SequenceEqual(said.Closed.Order()), $"{request.ObjectText}: diff {string.Join(" | ", closed.Order())} vs said {string.Join(" | ", said.Closed.Order())}");
            seen += said.Opened.Count + said.Closed.Count;
        }
        return seen;
    }

    private static IEnumerable<AuditEvent> Events(string[] writes)
    {
        var time = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        foreach (var json in writes)
        {
            time = time.AddMinutes(1);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var body = root.TryGetProperty("body", out var b) ? b.Clone() : (JsonElement?)null;
            var o = root.GetProperty("ref");
            yield return new AuditEvent
            {
                AuditId = Guid.NewGuid().ToString(),
                Stage = "ResponseComplete",
                Verb = root.GetProperty("verb").GetString()!,
                User = new AuditUser("alice"),
                ObjectRef = new AuditObjectRef(o.GetProperty("resource").GetString()!)
                {
                    Namespace = o.TryGetProperty("namespace", out var n) ? n.GetString() : null,
                    Name = o.GetProperty("name").GetString(),
                },
                StatusCode = 200,
                ResponseObject = body,
                RequestReceived = time,
            };
        }
    }

    private static string Write(string verb, string resource, string? ns, string name, string? body, string? ns2 = null)
    {
        var space = resource == "namespaces" ? null : ns2 ?? ns;
        var reference = space is null ? $$"""{"resource":"{{resource}}","name":"{{name}}"}""" : $$"""{"resource":"{{resource}}","namespace":"{{space}}","name":"{{name}}"}""";
        return body is null ? $$"""{"verb":"{{verb}}","ref":{{reference}}}""" : $$"""{"verb":"{{verb}}","ref":{{reference}},"body":{{body}}}""";
    }
}
