using Palisade.Audit.Detection;
using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>network-policy-tampering</c> (PRODUCT.md, Detection): writes to NetworkPolicy and the cluster-scoped tiers by
/// users outside <c>--trusted-users</c>, with what the change opened (here as the evaluator answers; the lines the
/// engine computes are tested through the command line).
/// </summary>
public sealed class NetworkPolicyTamperingTests
{
    private const string Opened = "shop/web[Deployment] => data/db[StatefulSet] : TCP 5432";

    private const string Db = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""";
    private const string Anp = """{"apiVersion":"policy.networking.k8s.io/v1alpha1","kind":"AdminNetworkPolicy","metadata":{"name":"guard"},"spec":{"priority":5,"subject":{"namespaces":{}},"ingress":[]}}""";
    private const string Banp = """{"apiVersion":"policy.networking.k8s.io/v1alpha1","kind":"BaselineAdminNetworkPolicy","metadata":{"name":"default"},"spec":{"subject":{"namespaces":{}},"ingress":[]}}""";
    private const string Cnp = """{"apiVersion":"policy.networking.k8s.io/v1alpha2","kind":"ClusterNetworkPolicy","metadata":{"name":"tier"},"spec":{"tier":"Admin","priority":3,"subject":{"namespaces":{}},"ingress":[]}}""";

    private static AuditCheckContext Context(string[]? trusted = null, params string[] opened) =>
        new(new HashSet<string>(trusted ?? []), new FixedEvaluator(opened));

    [Theory]
    [InlineData("create", null, "created", "NetworkPolicy data/db")]
    [InlineData("update", "db", "updated", "NetworkPolicy data/db")]
    [InlineData("patch", "db", "patched", "NetworkPolicy data/db")]
    [InlineData("delete", "db", "deleted", "NetworkPolicy data/db")]
    [InlineData("deletecollection", null, "deleted the collection", "NetworkPolicy data/*")]
    public void Every_write_verb_is_tampering(string verb, string? name, string past, string objectText)
    {
        var open = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"ingress":[{}]}}""";
        var request = verb switch
        {
            "patch" => """{"spec":{"ingress":[{}]}}""",
            "create" or "update" => open,
            _ => null,
        };
        var initial = verb == "create" ? Store() : Store(Db);
        var result = Run([Event(verb, "networkpolicies", "data", name, request: request, level: "Request", at: "03:12:30.25")], initial, context: Context(null, Opened));

        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("network-policy-tampering", Severity.High, "mallory", verb, objectText), (alert.Rule, alert.Severity, alert.User, alert.Verb, alert.Object));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T03:12:30.25Z"), alert.Time);
        Assert.Equal($"mallory {past} {objectText}; it opened 1 connection", alert.Message);
        Assert.Equal([Opened], alert.Opened);
        Assert.Equal(["T1562.007"], alert.Attack);
    }

    [Theory]
    [InlineData("networkpolicies", "data", "db", "NetworkPolicy data/db")]
    [InlineData("adminnetworkpolicies", null, "guard", "AdminNetworkPolicy guard")]
    [InlineData("baselineadminnetworkpolicies", null, "default", "BaselineAdminNetworkPolicy default")]
    [InlineData("clusternetworkpolicies", null, "tier", "ClusterNetworkPolicy tier")]
    public void Each_policy_kind_is_watched(string resource, string? ns, string name, string objectText)
    {
        var result = Run([Event("delete", resource, ns, name)], Store(Db, Anp, Banp, Cnp), context: Context());
        Assert.Equal([$"network-policy-tampering {objectText}"], Raised(result));
        Assert.Equal($"mallory deleted {objectText}; it opened no connection", result.Alerts[0].Message);
        Assert.Empty(result.Alerts[0].Opened);
    }

    [Fact]
    public void Trusted_users_are_exempt_and_no_one_else()
    {
        var result = Run([
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "gitops", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[]}}""", user: "alice", at: "03:01"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "gitops-evil", at: "03:02"),
            Event("delete", "adminnetworkpolicies", name: "guard", user: "alice", at: "03:03"),
        ], Store(Db, Anp), context: Context(["gitops", "alice"]));
        Assert.Equal(["gitops-evil"], result.Alerts.Select(a => a.User));
    }

    [Fact]
    public void A_trusted_pattern_with_a_star_covers_a_gitops_controllers_service_accounts_and_only_them()
    {
        var result = Run([
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "system:serviceaccount:argocd:argocd-application-controller", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[]}}""", user: "system:serviceaccount:argocd:argocd-server", at: "03:01"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "system:serviceaccount:argocd-evil:x", at: "03:02"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[]}}""", user: "system:serviceaccount:argocd", at: "03:03"),
        ], Store(Db), context: Context(["system:serviceaccount:argocd:*"]));
        Assert.Equal(["system:serviceaccount:argocd-evil:x", "system:serviceaccount:argocd"], result.Alerts.Select(a => a.User));
    }

    [Fact]
    public void A_trusted_group_covers_its_members_whatever_their_names()
    {
        var result = Run([
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "alice@example.com", groups: ["netops", "system:authenticated"], at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[]}}""", user: "bob@example.com", groups: ["dev", "system:authenticated"], at: "03:01"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", user: "netops", groups: ["system:authenticated"], at: "03:02"),
        ], Store(Db), context: Context(["group:netops"]));
        Assert.Equal(["bob@example.com", "netops"], result.Alerts.Select(a => a.User));
    }

    [Theory]
    [InlineData("get", "db")]
    [InlineData("list", null)]
    [InlineData("watch", null)]
    public void Reading_policies_is_not_tampering(string verb, string? name)
    {
        var result = Run([Event(verb, "networkpolicies", "data", name)], Store(Db), context: Context());
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void The_namespace_controller_clearing_a_deleted_namespace_is_reported_with_nothing_opened()
    {
        // The contract exempts only --trusted-users from tampering: the controller's deletecollection is a write all the same.
        const string Controller = "system:serviceaccount:kube-system:namespace-controller";
        var clearing = Event("deletecollection", "networkpolicies", "data", user: Controller, level: "Metadata", at: "03:01");
        var result = Run([Event("delete", "namespaces", name: "data", user: "alice", level: "Metadata", at: "03:00"), clearing],
            Store("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"data"}}""", Db), context: Context(null));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("network-policy-tampering", "NetworkPolicy data/*", Controller), (alert.Rule, alert.Object, alert.User));
        Assert.Empty(alert.Opened);
        Assert.Empty(Run([clearing], Store(Db), context: Context([Controller])).Alerts);
    }

    [Fact]
    public void Other_kinds_are_not_policies()
    {
        var result = Run([
            Event("delete", "ciliumnetworkpolicies", "data", "x"),
            Event("delete", "configmaps", "data", "networkpolicy"),
        ], Store(Db), context: Context(null, Opened));
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void A_write_recorded_without_its_body_says_what_it_opened_is_unknown()
    {
        var evaluator = new FixedEvaluator(Opened);
        var result = Run([Event("update", "networkpolicies", "data", "db", level: "Metadata")], Store(Db),
            context: new AuditCheckContext(new HashSet<string>(), evaluator));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal("mallory updated NetworkPolicy data/db; what it opened is unknown (the request was recorded without its body)", alert.Message);
        Assert.Empty(alert.Opened);
        Assert.Equal(0, evaluator.Calls);
    }

    [Fact]
    public void While_another_policy_is_unknown_what_a_change_opened_is_unknown_too()
    {
        // Issue 12: a Metadata-only write makes the object unknown for that interval, and results say so instead of guessing.
        var evaluator = new FixedEvaluator(Opened);
        var other = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"other","namespace":"data"},"spec":{"podSelector":{}}}""";
        var result = Run([
            Event("update", "networkpolicies", "data", "db", level: "Metadata", at: "03:00"),
            Event("patch", "networkpolicies", "data", "other", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:01"),
            Event("update", "networkpolicies", "data", "db", request: Db, level: "Request", at: "03:02"),
            Event("patch", "networkpolicies", "data", "other", request: """{"spec":{"ingress":[]}}""", level: "Request", at: "03:03"),
        ], Store(Db, other), context: new AuditCheckContext(new HashSet<string>(), evaluator));
        Assert.Equal(
            ["mallory updated NetworkPolicy data/db; what it opened is unknown (the request was recorded without its body)",
             "mallory patched NetworkPolicy data/other; what it opened is unknown (a policy in force was recorded without its body)",
             "mallory updated NetworkPolicy data/db; what it opened is unknown (its state before the request is unknown)",
             "mallory patched NetworkPolicy data/other; it opened 1 connection"],
            result.Alerts.Select(a => a.Message));
        Assert.Equal(1, evaluator.Calls);
    }

    [Fact]
    public void A_policy_unknown_in_another_namespace_leaves_unknown_only_what_concerns_that_namespace()
    {
        var tools = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tools","namespace":"dev"},"spec":{"podSelector":{}}}""";
        var evaluator = new FixedEvaluator(Opened, "dev/tool[Deployment] => data/db[StatefulSet] : TCP 5432");
        var result = Run([
            Event("update", "networkpolicies", "dev", "tools", level: "Metadata", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:01"),
            // A change within the namespace whose policy is unknown has an unknown effect.
            Event("create", "networkpolicies", "dev", request: tools.Replace("\"tools\"", "\"more\"", StringComparison.Ordinal), level: "Request", at: "03:02"),
        ], Store(Db, tools), context: new AuditCheckContext(new HashSet<string>(), evaluator));
        Assert.Equal(
            ["mallory updated NetworkPolicy dev/tools; what it opened is unknown (the request was recorded without its body)",
             "mallory patched NetworkPolicy data/db; it opened 1 connection; what it opened to or from namespace dev is unknown (a policy there, or the namespace itself, was recorded without its body)",
             "mallory created NetworkPolicy dev/more; what it opened is unknown (a policy in force was recorded without its body)"],
            result.Alerts.Select(a => a.Message));
        Assert.Equal([Opened], result.Alerts[1].Opened);
    }

    [Fact]
    public void A_namespace_relabelled_without_its_body_leaves_unknown_what_concerns_its_pods()
    {
        // Other namespaces' policies select its pods by its labels, which are unknown now.
        var dev = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev","labels":{"env":"test"}}}""";
        var evaluator = new FixedEvaluator(Opened, "dev/tool[Deployment] => data/db[StatefulSet] : TCP 5432");
        var result = Run([
            Event("patch", "namespaces", name: "dev", level: "Metadata", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:01"),
        ], Store(Db, dev), context: new AuditCheckContext(new HashSet<string>(), evaluator));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal("mallory patched NetworkPolicy data/db; it opened 1 connection; what it opened to or from namespace dev is unknown (a policy there, or the namespace itself, was recorded without its body)", alert.Message);
        Assert.Equal([Opened], alert.Opened);
    }

    [Fact]
    public void From_nothing_a_change_to_a_policy_never_seen_says_its_effect_is_unknown()
    {
        // The log has the body, but not what the policy was before it.
        var open = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"ingress":[{}]}}""";
        var result = Run([
            Event("update", "networkpolicies", "data", "db", request: open, response: open, at: "03:00"),
            Event("delete", "networkpolicies", "data", "other", at: "03:01"),
            Event("patch", "networkpolicies", "data", "third", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:02"),
        ], initial: null, complete: false, context: Context(null, Opened));
        Assert.Equal(
            ["mallory updated NetworkPolicy data/db; what it opened is unknown (its state before the request is unknown)",
             "mallory deleted NetworkPolicy data/other; what it opened is unknown (its state before the request is unknown)",
             "mallory patched NetworkPolicy data/third; what it opened is unknown (its state before the request is unknown)"],
            result.Alerts.Select(a => a.Message));
        Assert.All(result.Alerts, a => Assert.Empty(a.Opened));
    }

    [Fact]
    public void Deleting_a_policy_the_complete_state_lacks_says_its_effect_is_unknown_not_that_it_opened_nothing()
    {
        // The delete succeeded, so the policy existed: the dump (of a namespace or a kind only, or older than the log) lacked it,
        // and what it admitted or isolated is unknown. A delete the server refused as not found changed nothing.
        var result = Run([
            Event("delete", "networkpolicies", "data", "legacy-deny", level: "Metadata", at: "03:00"),
            Event("delete", "networkpolicies", "data", "gone", level: "Metadata", code: 404, at: "03:01"),
        ], Store(Db), context: Context(null, Opened), rules: true);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal("mallory deleted NetworkPolicy data/legacy-deny; what it opened is unknown (its state before the request is unknown)", alert.Message);
        Assert.Empty(alert.Opened);
    }

    [Fact]
    public void From_nothing_a_create_is_judged()
    {
        var result = Run([Event("create", "networkpolicies", "data", request: Db)], initial: null, complete: false, context: Context(null, Opened));
        Assert.Equal([Opened], Assert.Single(result.Alerts).Opened);
    }

    [Fact]
    public void A_patch_that_does_not_apply_to_the_replayed_policy_says_so()
    {
        // The server applied it (200); the replayed body has no second rule to remove (the dump is older than the log).
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: """[{"op":"remove","path":"/spec/ingress/1"}]""", level: "Request")],
            Store(Db), context: Context(null, Opened));
        Assert.Equal("mallory patched NetworkPolicy data/db; what it opened is unknown (the patch does not apply to the policy as replayed)", Assert.Single(result.Alerts).Message);
    }

    [Fact]
    public void A_generate_name_create_logged_without_its_response_says_what_it_opened_is_unknown()
    {
        // Without the server's name the replay cannot keep the policy, so it cannot say what it opened.
        var request = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"generateName":"tmp-","namespace":"data"},"spec":{"podSelector":{},"ingress":[{}]}}""";
        var result = Run([Event("create", "networkpolicies", "data", request: request, level: "Request")], Store(Db), context: Context(null, Opened));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal("mallory created NetworkPolicy data/*; what it opened is unknown (the name the server gave it was not recorded)", alert.Message);
        Assert.Empty(alert.Opened);
    }

    [Theory]
    [InlineData("networkpolicies", "data", "NetworkPolicy data/*")]
    [InlineData("adminnetworkpolicies", null, "AdminNetworkPolicy *")]
    public void A_create_logged_without_its_body_or_name_says_what_it_opened_is_unknown_not_that_it_opened_nothing(string resource, string? ns, string objectText)
    {
        // Sixteenth audit review: a create at Metadata level whose objectRef names no object (a generateName create, or a
        // log that leaves the name out) wrote nothing the replay could follow, and was "it opened no connection".
        var evaluator = new FixedEvaluator(Opened);
        var result = Run([Event("create", resource, ns, level: "Metadata", code: 201)], Store(Db), context: new AuditCheckContext(new HashSet<string>(), evaluator));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal($"mallory created {objectText}; what it opened is unknown (the request was recorded without its body)", alert.Message);
        Assert.Empty(alert.Opened);
        Assert.Equal(0, evaluator.Calls);
    }
}
