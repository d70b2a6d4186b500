using Palisade.Model.Rbac;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>Roles, ClusterRoles, their bindings and ServiceAccounts, and what the API server rejects of them.</summary>
public sealed class RbacMappingTests
{
    [Fact]
    public void Roles_bindings_and_service_accounts_reach_the_posture_input()
    {
        var posture = Load.Cluster("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: deployer, namespace: ci}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: tier-admin
              labels: {team: net}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {example.com/tier: "true"}
            rules:
            - nonResourceURLs: ["/healthz"]
              verbs: ["get"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployer, namespace: ci}
            roleRef: {kind: ClusterRole, name: edit}
            subjects:
            - {kind: ServiceAccount, name: deployer}
            - {kind: User, name: jane}
            """).Cluster;
        Assert.Equal(("ci", "deployer"), (posture.ServiceAccounts[0].Namespace, posture.ServiceAccounts[0].Name));
        var role = Assert.Single(posture.Roles);
        Assert.Equal("ClusterRole tier-admin", role.ToString());
        Assert.Equal(["/healthz"], role.Rules[0].NonResourceUrls);
        Assert.NotNull(role.AggregationSelectors);
        var binding = Assert.Single(posture.Bindings);
        Assert.Equal(new RoleRef("ClusterRole", "edit"), binding.RoleRef);
        // A RoleBinding's ServiceAccount subject without a namespace is in the binding's namespace.
        Assert.Equal([RbacSubject.ServiceAccount("ci", "deployer"), RbacSubject.User("jane")], binding.Subjects);
        Assert.Equal("test.yaml:17:1", binding.Location?.ToString());
    }

    [Theory]
    [InlineData("kind: RoleBinding\nmetadata: {name: b, namespace: ns}\nsubjects: [{kind: User, name: u}]",
        "test.yaml:1:1: RoleBinding ns/b: roleRef: required: the role the binding grants")]
    [InlineData("kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: r}",
        "test.yaml:4:17: ClusterRoleBinding b: roleRef.kind: unsupported value \"Role\": must be ClusterRole")]
    [InlineData("kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: r}\nsubjects:\n- {kind: ServiceAccount, name: sa}",
        "test.yaml:6:3: ClusterRoleBinding b: subjects[0].namespace: required for a ServiceAccount subject of a ClusterRoleBinding")]
    [InlineData("kind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: r}\nsubjects:\n- {kind: Robot, name: x}",
        "test.yaml:6:10: RoleBinding default/b: subjects[0].kind: unsupported value \"Robot\": must be ServiceAccount, User or Group")]
    [InlineData("kind: Role\nmetadata: {name: r, namespace: ns}\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]",
        "test.yaml:5:3: Role ns/r: rules[0].verbs: verbs must contain at least one value")]
    [InlineData("kind: Role\nmetadata: {name: r, namespace: ns}\nrules:\n- nonResourceURLs: [/healthz]\n  verbs: [get]",
        "test.yaml:5:20: Role ns/r: rules[0].nonResourceURLs: namespaced rules cannot apply to non-resource URLs")]
    [InlineData("kind: ClusterRole\nmetadata: {name: r}\nrules:\n- resources: [pods]\n  verbs: [get]",
        "test.yaml:5:3: ClusterRole r: rules[0].apiGroups: resource rules must supply at least one api group")]
    public void Invalid_rbac_objects_are_rejected_with_file_line_object_and_field(string body, string message)
    {
        var e = Load.Error("apiVersion: rbac.authorization.k8s.io/v1\n" + body + "\n");
        Assert.Equal(message, e.Message);
    }
}
