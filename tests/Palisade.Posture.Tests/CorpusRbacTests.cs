using Palisade.Findings;
using Palisade.Kubernetes;
using Palisade.Testing;

namespace Palisade.Posture.Tests;

/// <summary>
/// The RBAC checks on the demo applications of np-guard's corpus (StackRox's ACS security demos), whose
/// manifests carry deliberately risky RBAC; the expected findings were worked out by hand from the manifests.
/// </summary>
public sealed class CorpusRbacTests
{
    private static (string Check, string Resource, Severity Severity)[] Findings(params string[] parts)
    {
        var loaded = ManifestSource.Load([RepoPaths.Corpus(parts)], lenient: true);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Category == "rbac")
            .Select(f => (f.Rule.Id, f.Subject, f.Severity))
            .Order()
            .ToArray();
    }

    [Fact]
    public void The_added_workloads_demo_grants_cluster_admin_namespace_admin_and_a_wildcard_secrets_role()
    {
        // visa-processor's service account is bound to cluster-admin; the pipeline's service account is admin
        // of frontend (built-in admin: services, NetworkPolicies, exec, impersonating service accounts);
        // joe may do anything with payments' Secrets. mastercard-processor is bound to a Role named
        // cluster-admin that does not exist, which grants nothing.
        Assert.Equal(
        [
            ("PAL501", "RoleBinding frontend/admin", Severity.High),
            ("PAL502", "RoleBinding frontend/admin", Severity.High),
            ("PAL503", "Role payments/payments-secrets", Severity.Medium),
            ("PAL504", "RoleBinding frontend/admin", Severity.High),
            ("PAL506", "ClusterRoleBinding visa-processor", Severity.Critical),
        ], Findings("np-guard", "tests", "acs-security-demos-added-workloads"));
    }

    [Fact]
    public void The_original_demo_has_only_the_cluster_admin_binding()
    {
        Assert.Equal([("PAL506", "ClusterRoleBinding visa-processor", Severity.Critical)], Findings("np-guard", "tests", "acs-security-demos"));
    }

    [Fact]
    public void Online_boutique_declares_service_accounts_and_no_risky_rbac()
    {
        var loaded = ManifestSource.Load([RepoPaths.Corpus("manifests", "online-boutique")], lenient: true);
        Assert.Equal(11, loaded.Cluster.ServiceAccounts.Count);
        Assert.Empty(Findings("manifests", "online-boutique"));
    }
}
