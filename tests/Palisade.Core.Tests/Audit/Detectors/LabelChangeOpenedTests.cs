using Palisade.Audit.Detection;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>label-change-opened</c> (PRODUCT.md, Detection): a Namespace's or a Pod's labels changed, by anyone, and the
/// change opened connections; nothing when it opened none. What the engine computes is tested through the command
/// line; here the evaluator answers as told.
/// </summary>
public sealed class LabelChangeOpenedTests
{
    private static readonly string[] TwoLines =
    [
        "shop/web[Deployment] => data/db[StatefulSet] : TCP 5432",
        "shop/web[Deployment] => data/cache[Deployment] : TCP 6379",
    ];

    private const string Shop = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"tier":"front"}}}""";
    private const string Web = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"}},"spec":{"containers":[{"name":"c"}]}}""";
    private const string Svc = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},"spec":{"selector":{"app":"web"}}}""";

    private static AuditCheckContext Context(string[] opened, params string[] trusted) => new(new HashSet<string>(trusted), new FixedEvaluator(opened));

    [Fact]
    public void A_namespace_updated_whole_names_only_the_labels_that_changed_not_the_name_label_the_server_sets()
    {
        const string updated = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"kubernetes.io/metadata.name":"shop","tier":"front","access":"db"}}}""";
        var result = Run([Event("update", "namespaces", name: "shop", request: updated, response: updated, user: "alice")],
            Store(Shop, Web), context: Context(TwoLines));
        Assert.Equal("alice changed the labels of Namespace shop (tier=front → access=db,tier=front); it opened 2 connections", Assert.Single(result.Alerts).Message);
    }

    [Fact]
    public void A_namespace_label_patch_that_opens_connections_is_reported_with_them()
    {
        var result = Run([Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", user: "alice")],
            Store(Shop, Web), context: Context(TwoLines));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("label-change-opened", "Namespace shop", "patch"), (alert.Rule, alert.Object, alert.Verb));
        Assert.Equal("alice changed the labels of Namespace shop (tier=front → access=db,tier=front); it opened 2 connections", alert.Message);
        Assert.Equal(TwoLines, alert.Opened);
        Assert.Equal(["T1562.007"], alert.Attack);
    }

    [Fact]
    public void A_pod_label_update_that_opens_connections_is_reported()
    {
        var relabelled = Web.Replace("\"app\":\"web\"", "\"app\":\"web\",\"role\":\"client\"", StringComparison.Ordinal);
        var result = Run([Event("update", "pods", "shop", "web-1", request: relabelled, response: relabelled)], Store(Shop, Web), context: Context(TwoLines[..1]));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal("label-change-opened Pod shop/web-1", $"{alert.Rule} {alert.Object}");
        Assert.Equal("mallory changed the labels of Pod shop/web-1 (app=web → app=web,role=client); it opened 1 connection", alert.Message);
        Assert.Equal(TwoLines[..1], alert.Opened);
    }

    [Fact]
    public void A_json_patch_adding_a_label_to_a_namespace_whose_manifest_has_none_is_judged()
    {
        // The server's Namespace always has labels (kubernetes.io/metadata.name), so the add applied there: the replay follows.
        var result = Run([Event("patch", "namespaces", name: "dev", request: """[{"op":"add","path":"/metadata/labels/team","value":"payments"}]""", level: "Request")],
            Store("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev"}}"""), context: Context(TwoLines));
        Assert.Equal(("label-change-opened", "Namespace dev"), (Assert.Single(result.Alerts).Rule, result.Alerts[0].Object));
        Assert.Equal(TwoLines, result.Alerts[0].Opened);
    }

    [Fact]
    public void Trusted_users_are_not_exempt()
    {
        var result = Run([Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", user: "gitops")],
            Store(Shop), context: Context(TwoLines, "gitops"));
        Assert.Equal(["label-change-opened Namespace shop"], Raised(result));
    }

    [Fact]
    public void A_label_change_that_opens_nothing_raises_nothing()
    {
        var result = Run([
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", at: "03:00"),
            Event("patch", "pods", "shop", "web-1", request: """{"metadata":{"labels":{"app":"api"}}}""", at: "03:01"),
        ], Store(Shop, Web), context: Context([]));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Changes_that_leave_the_labels_alone_are_not_label_changes()
    {
        var result = Run([
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"annotations":{"owner":"eve"}}}""", at: "03:00"),
            Event("patch", "pods", "shop", "web-1", request: """{"metadata":{"labels":{"app":"web"}},"spec":{"activeDeadlineSeconds":5}}""", at: "03:01"),
        ], Store(Shop, Web), context: Context(TwoLines));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Other_kinds_labels_and_new_objects_are_not_label_changes()
    {
        var result = Run([
            Event("patch", "services", "shop", "web", request: """{"metadata":{"labels":{"app":"other"}}}""", at: "03:00"),
            Event("create", "pods", "shop", request: Web.Replace("web-1", "web-2", StringComparison.Ordinal), at: "03:01"),
            Event("create", "namespaces", request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"new","labels":{"access":"db"}}}""", at: "03:02"),
        ], Store(Shop, Web, Svc), context: Context(TwoLines));
        Assert.Empty(result.Alerts);
    }

    [Theory]
    [InlineData("deployments", "Deployment", "apps/v1", "spec.template")]
    [InlineData("statefulsets", "StatefulSet", "apps/v1", "spec.template")]
    [InlineData("cronjobs", "CronJob", "batch/v1", "spec.jobTemplate.spec.template")]
    public void A_workload_whose_pod_template_labels_change_is_a_label_change(string resource, string kind, string apiVersion, string template)
    {
        // The pods a workload runs carry its template's labels: relabelling the template relabels them.
        static string Nest(string path, string inner) => path.Split('.').Reverse().Aggregate(inner, (acc, step) => $$"""{"{{step}}":{{acc}}}""");
        var template0 = Nest(template, """{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
        var body = $$$"""{"apiVersion":"{{{apiVersion}}}","kind":"{{{kind}}}","metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},""" + template0[1..];
        var result = Run([
            Event("patch", resource, "shop", "web", request: """{"metadata":{"labels":{"app":"web","team":"x"}}}""", level: "Request", at: "03:00"),
            Event("patch", resource, "shop", "web", request: Nest(template, """{"metadata":{"labels":{"role":"client"}}}"""), level: "Request", at: "03:01"),
        ], Store(Shop, body), context: Context(TwoLines[..1]));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal($"label-change-opened {kind} shop/web", $"{alert.Rule} {alert.Object}");
        Assert.Equal($"mallory changed the pod template labels of {kind} shop/web (app=web → app=web,role=client); it opened 1 connection", alert.Message);
    }

    [Fact]
    public void A_label_change_whose_body_or_previous_state_is_unknown_raises_nothing()
    {
        var result = Run([
            Event("patch", "namespaces", name: "shop", level: "Metadata", at: "03:00"),
            Event("patch", "pods", "shop", "web-1", request: """{"metadata":{"labels":{"app":"api"}}}""", response: Web.Replace("\"web\"}", "\"api\"}", StringComparison.Ordinal), at: "03:01"),
        ], initial: Store(Shop), complete: false, context: Context(TwoLines));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void A_policy_unknown_in_another_namespace_leaves_unknown_only_the_connections_of_that_namespace()
    {
        // A NetworkPolicy selects pods of its own namespace only: one in dev recorded without its body leaves unknown the
        // connections to and from dev's pods, not those between shop and data that the relabel opened.
        var policy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tools","namespace":"dev"},"spec":{"podSelector":{}}}""";
        var result = Run([
            Event("update", "networkpolicies", "dev", "tools", level: "Metadata", user: "gitops", at: "03:00"),
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", user: "alice", at: "03:01"),
        ], Store(Shop, policy), context: Context([.. TwoLines, "dev/tool[Deployment] => data/db[StatefulSet] : TCP 5432"], "gitops"));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(TwoLines, alert.Opened);
        Assert.Equal("alice changed the labels of Namespace shop (tier=front → access=db,tier=front); it opened 2 connections; "
            + "what it opened to or from namespace dev is unknown (a policy there, or the namespace itself, was recorded without its body)", alert.Message);
    }

    [Fact]
    public void A_label_change_while_a_policy_is_unknown_raises_nothing()
    {
        var policy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{}}}""";
        var result = Run([
            Event("update", "networkpolicies", "data", "db", level: "Metadata", user: "gitops", at: "03:00"),
            Event("patch", "namespaces", name: "shop", request: """{"metadata":{"labels":{"access":"db"}}}""", level: "Request", at: "03:01"),
        ], Store(Shop, policy), context: Context(TwoLines, "gitops"));
        Assert.Empty(result.Alerts);
    }
}
