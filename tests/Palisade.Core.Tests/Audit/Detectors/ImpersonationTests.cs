using Palisade.Audit.Detection;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// Requests made with impersonation (<c>kubectl --as</c>, an authenticating proxy): the alert names the user who made the
/// request (<c>user.username</c>, who answers for it) and its message says whom it acted as; an exemption of the control
/// plane holds only when the request was both made by and performed as the control plane, so that neither impersonating
/// the control plane nor relaying someone else's request through a control-plane identity escapes the rules.
/// </summary>
public sealed class ImpersonationTests
{
    private const string ClusterAdminBinding = """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"backdoor"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},
         "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"mallory"}]}
        """;

    [Fact]
    public void A_user_impersonating_the_control_plane_is_reported_under_their_own_name()
    {
        var result = Run([
            Event("get", "secrets", "kube-system", "bootstrap-token-abcdef", user: "mallory", impersonating: "system:kube-controller-manager", level: "Metadata", at: "03:00"),
            Event("create", "clusterrolebindings", request: ClusterAdminBinding, response: ClusterAdminBinding, code: 201, user: "mallory", impersonating: "system:kube-scheduler", at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal(["secret-access Secret kube-system/bootstrap-token-abcdef", "rbac-escalation ClusterRoleBinding backdoor"], Raised(result));
        Assert.Equal(["mallory", "mallory"], result.Alerts.Select(a => a.User));
        Assert.StartsWith("mallory (as system:kube-controller-manager) read ", result.Alerts[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_plane_identity_acting_as_someone_else_is_not_exempt()
    {
        // An authenticating proxy run in kube-system relays each user's request as that user.
        var result = Run([
            Event("list", "secrets", "kube-system", user: "system:serviceaccount:kube-system:kube-oidc-proxy", impersonating: "mallory", level: "Metadata", at: "03:00"),
            Event("create", "clusterrolebindings", request: ClusterAdminBinding, response: ClusterAdminBinding, code: 201, user: "system:admin", impersonating: "mallory", at: "03:01"),
            Event("list", "secrets", "kube-system", user: "system:serviceaccount:kube-system:kube-oidc-proxy", level: "Metadata", at: "03:02"),
        ], initial: null, complete: false);
        Assert.Equal(["secret-access Secret kube-system/*", "rbac-escalation ClusterRoleBinding backdoor"], Raised(result));
        Assert.Equal(["system:serviceaccount:kube-system:kube-oidc-proxy", "system:admin"], result.Alerts.Select(a => a.User));
    }

    [Fact]
    public void Trusted_users_are_matched_on_the_user_who_made_the_request()
    {
        const string policy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny","namespace":"shop"},"spec":{"podSelector":{}}}""";
        var context = new AuditCheckContext(new HashSet<string>(["alice", "ci-bot"]));
        var result = Run([
            Event("create", "networkpolicies", "shop", request: policy, response: policy, code: 201, user: "alice", impersonating: "bob", at: "03:00"),
            Event("delete", "networkpolicies", "shop", "deny", user: "mallory", impersonating: "ci-bot", level: "Metadata", at: "03:01"),
        ], initial: null, complete: false, context: context);
        var alert = Assert.Single(result.Alerts);
        Assert.Equal(("network-policy-tampering", "mallory"), (alert.Rule, alert.User));
        Assert.StartsWith("mallory (as ci-bot) deleted ", alert.Message, StringComparison.Ordinal);
    }
}
