using Palisade.Findings;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// <c>rbac-escalation</c> (PRODUCT.md, Detection): bindings to <c>cluster-admin</c> or <c>admin</c>; roles granting
/// write verbs on any of the four policy kinds, <c>escalate</c>, <c>bind</c>, <c>impersonate</c>, or <c>*</c> in
/// verbs, resources or apiGroups; control-plane identities (<c>system:</c> users other than service accounts) exempt.
/// </summary>
public sealed class RbacEscalationTests
{
    private static string ClusterRoleBinding(string name, string role, string subjects = """[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"eve"}]""") =>
        $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"{{name}}"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{role}}"},"subjects":{{subjects}}}""";

    private static string RoleBinding(string name, string roleKind, string role) =>
        $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{name}}","namespace":"shop"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{roleKind}}","name":"{{role}}"},"subjects":[{"kind":"ServiceAccount","name":"ci","namespace":"shop"}]}""";

    private static string ClusterRole(string name, string rules) =>
        $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"{{name}}"},"rules":{{rules}}}""";

    private static string Role(string name, string rules) =>
        $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"{{name}}","namespace":"shop"},"rules":{{rules}}}""";

    private const string ReadPods = """[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}]""";

    [Fact]
    public void Binding_cluster_admin_or_admin_is_escalation()
    {
        var result = Run([
            Event("create", "clusterrolebindings", request: ClusterRoleBinding("eve-admin", "cluster-admin"), at: "03:00"),
            Event("create", "rolebindings", "shop", request: RoleBinding("ci-admin", "ClusterRole", "admin"), at: "03:01"),
        ], Store());
        Assert.Equal(["rbac-escalation ClusterRoleBinding eve-admin", "rbac-escalation RoleBinding shop/ci-admin"], Raised(result));
        Assert.Equal(
            ["mallory created ClusterRoleBinding eve-admin: binds cluster-admin to User eve", "mallory created RoleBinding shop/ci-admin: binds admin to ServiceAccount shop/ci"],
            result.Alerts.Select(a => a.Message));
        Assert.All(result.Alerts, a => Assert.Equal(Severity.High, a.Severity));
        Assert.All(result.Alerts, a => Assert.Equal(["T1098", "T1078"], a.Attack));
    }

    [Fact]
    public void Bindings_to_other_roles_are_not_escalation()
    {
        var result = Run([
            Event("create", "clusterrolebindings", request: ClusterRoleBinding("eve-view", "view"), at: "03:00"),
            Event("create", "rolebindings", "shop", request: RoleBinding("ci-edit", "ClusterRole", "edit"), at: "03:01"),
            Event("create", "rolebindings", "shop", request: RoleBinding("ci-own", "Role", "admin-ish"), at: "03:02"),
        ], Store());
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Adding_a_subject_to_a_cluster_admin_binding_is_escalation()
    {
        // roleRef cannot change: the way an existing binding comes to bind cluster-admin to someone is a new subject.
        var result = Run([
            Event("patch", "clusterrolebindings", name: "cluster-admin", level: "Request", at: "03:00",
                request: """[{"op":"add","path":"/subjects/-","value":{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"mallory"}}]"""),
        ], Store(ClusterRoleBinding("cluster-admin", "cluster-admin", """[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"system:masters"}]""")));
        Assert.Equal("mallory patched ClusterRoleBinding cluster-admin: binds cluster-admin to User mallory", Assert.Single(result.Alerts).Message);
    }

    [Fact]
    public void A_service_account_of_the_same_name_in_another_namespace_is_a_new_subject()
    {
        // A subject is a ServiceAccount by namespace and name: ci/default and dev/default are two accounts, each its own grant.
        var result = Run([
            Event("patch", "clusterrolebindings", name: "ci-admin", level: "Request", at: "03:00",
                request: """[{"op":"add","path":"/subjects/-","value":{"kind":"ServiceAccount","name":"default","namespace":"dev"}}]"""),
            Event("patch", "clusterrolebindings", name: "ci-admin", level: "Request", at: "03:01",
                request: """{"metadata":{"labels":{"owner":"ci"}}}"""),
        ], Store(ClusterRoleBinding("ci-admin", "cluster-admin", """[{"kind":"ServiceAccount","name":"default","namespace":"ci"}]""")));
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("ClusterRoleBinding ci-admin", "patch"), (alert.Object, alert.Verb));
        Assert.Equal("mallory patched ClusterRoleBinding ci-admin: binds cluster-admin to ServiceAccount dev/default", alert.Message);
    }

    [Fact]
    public void A_role_binding_service_account_without_namespace_is_the_binding_namespace()
    {
        // The authorizer reads a RoleBinding's service account without a namespace as the binding's: naming it is no new grant.
        var initial = Store(RoleBinding("ci-admin", "ClusterRole", "admin").Replace(""","namespace":"shop"}]""", "}]", StringComparison.Ordinal));
        var result = Run([
            Event("update", "rolebindings", "shop", "ci-admin", request: RoleBinding("ci-admin", "ClusterRole", "admin"), at: "03:00"),
        ], initial);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void A_binding_change_that_grants_no_one_new_raises_nothing()
    {
        var initial = Store(ClusterRoleBinding("eve-admin", "cluster-admin", """[{"kind":"User","name":"eve"},{"kind":"User","name":"bob"}]"""));
        var result = Run([
            Event("patch", "clusterrolebindings", name: "eve-admin", request: """{"metadata":{"labels":{"owner":"sec"}}}""", level: "Request", at: "03:00"),
            Event("patch", "clusterrolebindings", name: "eve-admin", request: """[{"op":"remove","path":"/subjects/1"}]""", level: "Request", at: "03:01"),
            Event("delete", "clusterrolebindings", name: "eve-admin", at: "03:02"),
        ], initial);
        Assert.Empty(result.Alerts);
    }

    [Theory]
    [InlineData("networking.k8s.io", "networkpolicies", "create")]
    [InlineData("policy.networking.k8s.io", "adminnetworkpolicies", "update")]
    [InlineData("policy.networking.k8s.io", "baselineadminnetworkpolicies", "patch")]
    [InlineData("policy.networking.k8s.io", "clusternetworkpolicies", "delete")]
    [InlineData("networking.k8s.io", "networkpolicies", "deletecollection")]
    public void A_role_granting_writes_on_a_policy_kind_is_escalation(string group, string resource, string verb)
    {
        var rules = $$"""[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]},{"apiGroups":["{{group}}"],"resources":["{{resource}}"],"verbs":["get","{{verb}}"]}]""";
        var result = Run([
            Event("create", "clusterroles", request: ClusterRole("netadmin", rules), at: "03:00"),
            Event("create", "roles", "shop", request: Role("netadmin", rules), at: "03:01"),
        ], Store());
        Assert.Equal(
            [$"mallory created ClusterRole netadmin: grants write access to {resource}", $"mallory created Role shop/netadmin: grants write access to {resource}"],
            result.Alerts.Select(a => a.Message));
    }

    [Theory]
    [InlineData("""[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["escalate"]}]""", "escalate")]
    [InlineData("""[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["bind"]}]""", "bind")]
    [InlineData("""[{"apiGroups":[""],"resources":["users","groups","serviceaccounts"],"verbs":["impersonate"]}]""", "impersonate")]
    [InlineData("""[{"apiGroups":[""],"resources":["pods"],"verbs":["*"]}]""", "every verb (*)")]
    [InlineData("""[{"apiGroups":[""],"resources":["*"],"verbs":["get"]}]""", "every resource (*)")]
    [InlineData("""[{"apiGroups":["*"],"resources":["pods"],"verbs":["list"]}]""", "every API group (*)")]
    [InlineData("""[{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["*"]}]""", "every verb (*); write access to networkpolicies")]
    public void A_role_granting_escalation_powers_or_wildcards_is_escalation(string rules, string grants)
    {
        var result = Run([Event("create", "clusterroles", request: ClusterRole("power", rules))], Store());
        Assert.Equal($"mallory created ClusterRole power: grants {grants}", Assert.Single(result.Alerts).Message);
    }

    [Theory]
    [InlineData("""[{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["get","list","watch"]}]""")]
    [InlineData("""[{"apiGroups":[""],"resources":["pods","services"],"verbs":["create","delete"]}]""")]
    [InlineData("[]")]
    public void A_role_without_escalation_raises_nothing(string rules)
    {
        var result = Run([Event("create", "clusterroles", request: ClusterRole("fine", rules))], Store());
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void An_update_that_does_not_change_the_rules_raises_nothing_one_that_adds_a_grant_does()
    {
        var wildcard = """[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]""";
        var result = Run([
            Event("patch", "clusterroles", name: "ops", request: """{"metadata":{"labels":{"owner":"sec"}}}""", level: "Request", at: "03:00"),
            Event("update", "clusterroles", name: "ops", request: ClusterRole("ops", wildcard).Replace("\"name\":\"ops\"", "\"name\":\"ops\",\"annotations\":{\"a\":\"b\"}", StringComparison.Ordinal), level: "Request", at: "03:01"),
            Event("patch", "roles", "shop", "reader", level: "Request", at: "03:02",
                request: """[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["serviceaccounts"],"verbs":["impersonate"]}}]"""),
        ], Store(ClusterRole("ops", wildcard), Role("reader", ReadPods)));
        Assert.Equal(["mallory patched Role shop/reader: grants impersonate"], result.Alerts.Select(a => a.Message));
    }

    [Fact]
    public void A_rules_change_that_grants_nothing_new_raises_nothing_one_that_adds_a_dangerous_rule_does()
    {
        // The aggregation controller folds a CRD's rules into edit, which already lets its holders rewrite policies.
        const string policyWrites = """{"apiGroups":["networking.k8s.io"],"resources":["ingresses","networkpolicies"],"verbs":["create","delete","deletecollection","patch","update"]}""";
        const string widgets = """{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["create","delete","patch","update"]}""";
        const string wildcard = """{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}""";
        var aggregated = ClusterRole("edit", $"[{policyWrites},{widgets}]");
        var result = Run([
            Event("update", "clusterroles", name: "edit", request: aggregated, response: aggregated, user: "system:serviceaccount:kube-system:clusterrole-aggregation-controller", at: "03:00"),
            Event("patch", "clusterroles", name: "edit", level: "Request", at: "03:01",
                request: $$"""[{"op":"add","path":"/rules/-","value":{{wildcard}}}]"""),
            Event("patch", "roles", "shop", "reader", level: "Request", at: "03:02",
                request: """[{"op":"replace","path":"/rules/0/resources","value":["pods","networkpolicies"]},{"op":"replace","path":"/rules/0/apiGroups","value":["","networking.k8s.io"]},{"op":"add","path":"/rules/0/verbs/-","value":"patch"}]"""),
        ], Store(ClusterRole("edit", $"[{policyWrites}]"), Role("reader", ReadPods)));
        Assert.Equal(
            ["mallory patched ClusterRole edit: grants every API group (*); every resource (*); every verb (*)", "mallory patched Role shop/reader: grants write access to networkpolicies"],
            result.Alerts.Select(a => a.Message));
    }

    [Theory]
    [InlineData("system:kube-controller-manager", false)]
    [InlineData("system:apiserver", false)]
    [InlineData("system:serviceaccount:ci:deployer", true)]
    [InlineData("system:serviceaccount:kube-system:clusterrole-aggregation-controller", true)]
    [InlineData("admin@example.com", true)]
    public void Control_plane_identities_are_exempt_service_accounts_are_not(string user, bool raised)
    {
        var result = Run([
            Event("create", "clusterrolebindings", request: ClusterRoleBinding("b", "cluster-admin"), user: user, at: "03:00"),
            Event("create", "clusterroles", request: ClusterRole("r", """[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]"""), user: user, at: "03:01"),
        ], Store());
        Assert.Equal(raised ? 2 : 0, result.Alerts.Count);
    }

    [Theory]
    [InlineData("system:anonymous", "system:unauthenticated")]
    [InlineData("system:bootstrap:abcdef", "system:bootstrappers")]
    public void An_unauthenticated_or_bootstrap_client_is_no_control_plane_identity(string user, string group)
    {
        // Anonymous auth left on with the anonymous user bound to cluster-admin (the classic misconfiguration): the intruder's own
        // cluster-admin binding and wildcard role are escalation, not the control plane at work.
        var result = Run([
            Event("create", "clusterrolebindings", request: ClusterRoleBinding("b", "cluster-admin"), user: user, groups: [group], at: "03:00"),
            Event("create", "clusterroles", request: ClusterRole("r", """[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]"""), user: user, groups: [group], at: "03:01"),
        ], Store());
        Assert.Equal(2, result.Alerts.Count(a => a.Rule == "rbac-escalation"));
    }

    [Fact]
    public void A_role_written_without_its_body_raises_nothing()
    {
        var result = Run([Event("create", "clusterroles", name: "secret", level: "Metadata")], Store());
        Assert.Empty(result.Alerts);
    }
}
