using Palisade.Findings;
using Palisade.Kubernetes;
using Palisade.Model.Rbac;

namespace Palisade.Posture.Tests;

/// <summary>The RBAC checks beyond their fixtures: severities, messages, aggregation, defaults, suppression.</summary>
public sealed class RbacCheckTests
{
    private static IReadOnlyList<Finding> Run(string yaml, string id)
    {
        var loaded = ManifestSource.LoadText("rbac.yaml", yaml);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Id == id).ToArray();
    }

    private const string EditBinding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deployer, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
        - {kind: ServiceAccount, name: deployer}
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}
        """;

    [Fact]
    public void A_finding_names_the_subjects_the_binding_the_role_and_the_rule()
    {
        var finding = Assert.Single(Run(EditBinding, "PAL501"));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("roleRef", finding.Field);
        Assert.Equal("rbac.yaml:4:10", finding.Location?.ToString());
        // system:masters is an administrator: not named.
        Assert.StartsWith("ServiceAccount shop/deployer can create/update/patch/delete/deletecollection services; "
            + "create/update/patch/delete/deletecollection networkpolicies.networking.k8s.io in namespace shop through RoleBinding shop/deployer, "
            + "granted by ClusterRole edit, which aggregates ClusterRole system:aggregate-to-edit rules[4]", finding.Message);
    }

    [Fact]
    public void A_declared_cluster_role_replaces_the_built_in_one()
    {
        var yaml = EditBinding + """

            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: edit}
            rules:
            - apiGroups: [apps]
              resources: [deployments]
              verbs: ["*"]
            """;
        Assert.Empty(Run(yaml, "PAL501"));
        Assert.Empty(Run(yaml, "PAL502"));
    }

    [Fact]
    public void Aggregation_is_transitive_and_includes_declared_roles_labelled_for_the_built_in_ones()
    {
        var yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: crd-netpol-writer
              labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
            rules:
            - apiGroups: [policy.networking.k8s.io]
              resources: [adminnetworkpolicies]
              verbs: [create]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: platform-admins}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
            subjects:
            - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: platform}
            """;
        var finding = Assert.Single(Run(yaml, "PAL501"));
        Assert.Contains("create adminnetworkpolicies.policy.networking.k8s.io", finding.Message);
        Assert.Contains("ClusterRole admin, which aggregates ClusterRole crd-netpol-writer rules[0]", finding.Message);
    }

    [Fact]
    public void Wildcards_are_high_only_when_verbs_and_resources_are_both_wildcards()
    {
        var yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: verbs, namespace: a}
            rules: [{apiGroups: [""], resources: [pods], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: both, namespace: a}
            rules: [{apiGroups: [""], resources: ["*"], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: verbs, namespace: a}
            roleRef: {kind: Role, name: verbs}
            subjects: [{kind: ServiceAccount, name: x}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: both, namespace: a}
            roleRef: {kind: Role, name: both}
            subjects: [{kind: ServiceAccount, name: x}]
            """;
        var findings = Run(yaml, "PAL503");
        Assert.Equal([("Role a/both", Severity.High), ("Role a/verbs", Severity.Medium)],
            findings.Select(f => (f.Subject, f.Severity)));
    }

    [Fact]
    public void Public_bindings_are_critical_for_anonymous_and_high_for_authenticated_with_a_patch_removing_them()
    {
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: readers}
            roleRef: {kind: ClusterRole, name: view}
            subjects:
            - {kind: Group, name: "system:authenticated"}
            - {kind: User, name: jane}
            - {kind: Group, name: "system:unauthenticated"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: readers, namespace: a}
            roleRef: {kind: ClusterRole, name: view}
            subjects:
            - {kind: Group, name: "system:authenticated"}
            """, "PAL505");
        Assert.Equal([Severity.Critical, Severity.High], findings.Select(f => f.Severity));
        Assert.Equal("""
            # kubectl patch clusterrolebinding readers --type=json --patch-file=PATCH.yaml
            - op: remove
              path: /subjects/2
            - op: remove
              path: /subjects/0

            """, findings[0].Fix);
        Assert.Contains("to Group system:authenticated, Group system:unauthenticated in every namespace", findings[0].Message);
    }

    [Fact]
    public void Default_bindings_are_recognised_by_role_and_subjects_not_by_name_alone()
    {
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:basic-user"}
            roleRef: {kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: Group, name: "system:authenticated"}]
            """, "PAL506");
        Assert.Equal("ClusterRoleBinding system:basic-user grants cluster-admin to Group system:authenticated over the whole cluster", Assert.Single(findings).Message);
        Assert.False(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:evil", new RoleRef("ClusterRole", "system:node"), [RbacSubject.User("mallory")])));
        Assert.True(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:controller:job-controller",
            new RoleRef("ClusterRole", "system:controller:job-controller"), [RbacSubject.ServiceAccount("kube-system", "job-controller")])));
    }

    [Fact]
    public void A_system_named_binding_is_not_a_default_when_it_grants_to_every_service_account_or_a_user_facing_role()
    {
        // Every pod's service account, or every one of a namespace: not a system identity.
        Assert.Single(Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:policy-sync"}
            roleRef: {kind: ClusterRole, name: "system:policy-sync"}
            subjects: [{kind: Group, name: "system:serviceaccounts"}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: "system:policy-sync"}
            rules: [{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [create, delete]}]
            """, "PAL501"));
        Assert.False(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:x", new RoleRef("ClusterRole", "system:node"),
            [RbacSubject.Group("system:serviceaccounts:app")])));
        Assert.False(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:x", new RoleRef("ClusterRole", "system:node"),
            [RbacSubject.User("system:serviceaccount:app:deployer")])));
        // No default binding grants admin, edit or view, whoever the subject.
        var edit = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: "system:backup"}
            roleRef: {kind: ClusterRole, name: edit}
            subjects: [{kind: ServiceAccount, name: backup, namespace: kube-system}]
            """, "PAL501");
        Assert.StartsWith("ServiceAccount kube-system/backup can create/update/patch/delete/deletecollection services", Assert.Single(edit).Message);
        // The one bootstrap binding to every service account is listed.
        Assert.True(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:service-account-issuer-discovery",
            new RoleRef("ClusterRole", "system:service-account-issuer-discovery"), [RbacSubject.Group("system:serviceaccounts")])));
        // The kube-system service accounts and system users of the bootstrap roles stay defaults.
        Assert.True(RbacDefaults.IsDefault(new RbacBinding("ClusterRoleBinding", null, "system:controller:x", new RoleRef("ClusterRole", "system:controller:endpoint-controller"),
            [RbacSubject.User("system:serviceaccount:kube-system:endpoint-controller"), RbacSubject.Group("system:serviceaccounts:kube-system")])));
    }

    [Fact]
    public void Bind_on_cluster_roles_counts_through_a_role_binding_where_escalate_and_impersonating_users_do_not()
    {
        // The API server checks bind on the ClusterRole a RoleBinding refers to in the binding's namespace:
        // a namespaced grant of it lets the subject bind cluster-admin there.
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: delegate, namespace: team-a}
            rules:
            - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind, escalate]}
            - {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: delegate, namespace: team-a}
            roleRef: {kind: Role, name: delegate}
            subjects: [{kind: ServiceAccount, name: lead, namespace: team-a}]
            """, "PAL504");
        var finding = Assert.Single(findings);
        Assert.StartsWith("ServiceAccount team-a/lead can bind clusterroles.rbac.authorization.k8s.io in namespace team-a through RoleBinding team-a/delegate", finding.Message);
    }

    [Fact]
    public void An_empty_aggregation_selector_aggregates_every_cluster_role()
    {
        // The aggregation controller reads {} as every label set, as any label selector: cluster-admin included.
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: team-lead}
            aggregationRule:
              clusterRoleSelectors: [{}]
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: team-lead}
            roleRef: {kind: ClusterRole, name: team-lead}
            subjects: [{kind: User, name: alice}]
            """, "PAL504");
        var message = Assert.Single(findings).Message;
        Assert.StartsWith("User alice can ", message);
        Assert.Contains("escalate/bind roles.rbac.authorization.k8s.io; escalate/bind clusterroles.rbac.authorization.k8s.io;", message, StringComparison.Ordinal);
        Assert.Contains("ClusterRole team-lead, which aggregates ClusterRole cluster-admin rules[0]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_ephemeral_container_to_pods_is_exec_access()
    {
        // kubectl debug patches pods/ephemeralcontainers: the added container runs any command in the pod's namespaces.
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: debugger, namespace: shop}
            rules:
            - {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [get, patch]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: debugger, namespace: shop}
            roleRef: {kind: Role, name: debugger}
            subjects: [{kind: Group, name: support}]
            """, "PAL502");
        Assert.StartsWith("Group support can patch pods/ephemeralcontainers in namespace shop through RoleBinding shop/debugger", Assert.Single(findings).Message);
    }

    [Fact]
    public void A_binding_to_every_service_account_is_public_to_every_pod()
    {
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: all-pods-read}
            roleRef: {kind: ClusterRole, name: view}
            subjects:
            - {kind: Group, name: "system:serviceaccounts"}
            - {kind: Group, name: "system:serviceaccounts:monitoring"}
            """, "PAL505");
        var finding = Assert.Single(findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("subjects[0]", finding.Field);
        Assert.Equal("ClusterRoleBinding all-pods-read grants ClusterRole view to Group system:serviceaccounts in every namespace and cluster-wide: "
            + "every service account, so every pod of the cluster", finding.Message);
    }

    [Fact]
    public void The_suppression_annotation_on_a_binding_silences_the_check()
    {
        var yaml = EditBinding.Replace("metadata: {name: deployer, namespace: shop}",
            "metadata: {name: deployer, namespace: shop, annotations: {palisade.io/ignore: network-controls-writable}}", StringComparison.Ordinal);
        Assert.Empty(Run(yaml, "PAL501"));
        Assert.Single(Run(yaml, "PAL502"));
    }

    [Fact]
    public void Resource_matching_follows_the_rbac_authoriser()
    {
        var rule = new RbacRule(0, [""], ["pods", "*/exec"], ["get"]);
        Assert.True(rule.Allows("get", "", "pods/exec"));
        Assert.False(rule.Allows("get", "", "pods/attach"));
        Assert.False(rule.Allows("create", "", "pods"));
        Assert.False(new RbacRule(0, [""], ["pods"], ["*"]).Allows("create", "", "pods/exec"));
        Assert.False(new RbacRule(0, ["apps"], ["*"], ["*"]).Allows("create", "", "services"));
    }

    [Fact]
    public void Writing_endpoints_or_endpoint_slices_redirects_a_service_and_is_a_network_control()
    {
        var findings = Run("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: endpoints-writer, namespace: shop}
            rules:
            - {apiGroups: [""], resources: [endpoints], verbs: [get, update]}
            - {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [create, patch]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: endpoints-writers, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: endpoints-writer}
            subjects: [{kind: User, name: jane}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: endpoints-reader}
            rules: [{apiGroups: ["", discovery.k8s.io], resources: [endpoints, endpointslices], verbs: [get, list, watch, delete]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: endpoints-readers}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: endpoints-reader}
            subjects: [{kind: Group, name: developers}]
            """, "PAL501");
        var finding = Assert.Single(findings);
        Assert.Equal("RoleBinding shop/endpoints-writers", finding.Subject);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.StartsWith("User jane can update endpoints; create/patch endpointslices.discovery.k8s.io in namespace shop", finding.Message);
    }

    [Fact]
    public void A_role_aggregated_into_a_built_in_role_is_reported_on_itself_without_a_binding_in_the_input()
    {
        const string yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: extend-view
              labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
            rules:
            - {apiGroups: [""], resources: [configmaps], verbs: [get]}
            - {apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [create, delete]}
            - {apiGroups: [""], resources: [pods/exec], verbs: [create]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: read-more
              labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
            rules: [{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, list]}]
            """;
        var finding = Assert.Single(Run(yaml, "PAL501"));
        Assert.Equal(("ClusterRole extend-view", "rules[1]", Severity.High), (finding.Subject, finding.Field, finding.Severity));
        Assert.StartsWith("ClusterRole extend-view is aggregated into the built-in ClusterRole view, which clusters grant widely: "
            + "whoever is bound to view can create/delete networkpolicies.networking.k8s.io, granted by rules[1]", finding.Message, StringComparison.Ordinal);
        Assert.Equal("ClusterRole extend-view", Assert.Single(Run(yaml, "PAL502")).Subject);
    }
}
