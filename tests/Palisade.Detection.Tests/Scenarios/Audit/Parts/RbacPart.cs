using Palisade.Detection.Tests.Scenarios.Audit.Log;
using static Palisade.Detection.Tests.Scenarios.Audit.Parts.Actors;
using static Palisade.Detection.Tests.Scenarios.Audit.State.Objects;
using static Palisade.Detection.Tests.Scenarios.Cluster.Json;

namespace Palisade.Detection.Tests.Scenarios.Audit.Parts;

/// <summary>
/// rbac-escalation. Bindings created to cluster-admin (a person, a service account) and admin; roles granting
/// write verbs on NetworkPolicy and AdminNetworkPolicy (created, updated, and JSON-patched without
/// response), escalate, bind, impersonate, and <c>*</c> in verbs, resources and apiGroups. Nothing for a
/// binding to view, a read-only policy role, the control plane (system:kube-controller-manager,
/// system:apiserver) doing the same, a binding deleted, a forbidden, an invalid (roleRef is immutable) and a
/// dry-run write.
/// </summary>
public static class RbacPart
{
    public static void Add(AuditLogBuilder b, double t0)
    {
        double t = t0;
        DateTimeOffset Next() => b.At(t += 20);
        string[] policyGroup = ["networking.k8s.io"];

        b.Create(Next(), Mallory, Binding(null, "mallory-admin", "ClusterRole", "cluster-admin", "User", "mallory"), note: "cluster-admin binding");
        b.Create(Next(), Alice, Binding("dev", "alice-admin", "ClusterRole", "admin", "User", "alice"), note: "admin binding in a namespace");
        b.Create(Next(), Alice, Binding("shop", "viewers", "ClusterRole", "view", "Group", "developers"), note: "view binding: nothing");
        b.Create(Next(), Mallory, Role(null, "netpol-editor", RbacRule(policyGroup, ["networkpolicies"], "get", "list", "update", "patch")), note: "write verbs on networkpolicies");
        b.Create(Next(), Alice, Role("data", "policy-writer", RbacRule(policyGroup, ["networkpolicies"], "create", "delete")), note: "Role writing networkpolicies");
        b.Create(Next(), Alice, Role("shop", "policy-reader", RbacRule(policyGroup, ["networkpolicies"], "get", "list", "watch")), note: "read-only: nothing");
        b.Create(Next(), Mallory, Role(null, "escalator", RbacRule(["rbac.authorization.k8s.io"], ["roles", "clusterroles"], "escalate", "bind")), note: "escalate and bind");
        b.Create(Next(), Mallory, Role(null, "impersonator", RbacRule([""], ["users", "groups", "serviceaccounts"], "impersonate")), note: "impersonate");
        b.Create(Next(), Mallory, Role("dev", "wild-verbs", RbacRule([""], ["pods"], "*")), level: "Request", note: "* verbs");
        b.Create(Next(), Mallory, Role(null, "wild-resources", RbacRule([""], ["*"], "get", "list")), note: "* resources");
        b.Create(Next(), Mallory, Role(null, "wild-groups", RbacRule(["*"], ["deployments"], "get")), note: "* apiGroups");
        b.Patch(Next(), Mallory, ApiResource.ClusterRoles, null, "netpol-viewer", PatchKind.Json,
            Arr(Obj(("op", "add"), ("path", "/rules/0/verbs/-"), ("value", "patch"))), logResponse: false, note: "JSON Patch adds a write verb, no response");
        var deployer = b.Current.Get("Role", "shop", "deployer")!;
        ((System.Text.Json.Nodes.JsonArray)deployer["rules"]!).Add(RbacRule(["policy.networking.k8s.io"], ["adminnetworkpolicies"], "create", "update"));
        b.Update(Next(), Alice, deployer, note: "update grants writes on AdminNetworkPolicy");
        b.Create(Next(), CiRunner, Binding(null, "ci-admin", "ClusterRole", "cluster-admin", "ServiceAccount", "runner", "ci"), note: "a service account binds cluster-admin");

        b.Create(Next(), AuditUser.ControllerManager, Binding(null, "system:controller:bootstrap-admin", "ClusterRole", "cluster-admin", "User", "system:kube-controller-manager"),
            note: "control plane: exempt");
        b.Create(Next(), AuditUser.ApiServer, Role(null, "system:aggregate-to-edit", RbacRule(policyGroup, ["networkpolicies"], "create", "delete", "patch", "update")),
            note: "control plane: exempt");
        b.Delete(Next(), Mallory, ApiResource.ClusterRoleBindings, null, "mallory-admin", note: "delete: nothing");
        b.Create(Next(), Mallory, Binding(null, "mallory-admin-2", "ClusterRole", "cluster-admin", "User", "mallory"), code: 403, note: "forbidden");
        var viewers = b.Current.Get("RoleBinding", "shop", "viewers")!;
        viewers["roleRef"]!["name"] = "admin";
        b.Update(Next(), Alice, viewers, code: 422, note: "roleRef is immutable: invalid");
        b.Create(Next(), Mallory, Role(null, "wild-everything", RbacRule(["*"], ["*"], "*")), dryRun: true, note: "dry run");
    }
}
