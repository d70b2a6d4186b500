using Palisade.Kubernetes;
using Palisade.Posture;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary><c>palisade audit-policy</c>: prints a policy that the audit-logging checks pass.</summary>
public sealed class AuditPolicyCommandTests
{
    [Fact]
    public void Prints_a_recommended_policy_that_passes_the_audit_logging_checks()
    {
        var run = CliRun.Of("audit-policy");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("apiVersion: audit.k8s.io/v1\nkind: Policy\n", run.Output);
        var loaded = ManifestSource.LoadText("audit-policy.yaml", run.Output);
        Assert.Single(loaded.Cluster.AuditPolicies);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        Assert.DoesNotContain(result.Findings, f => f.Rule.Category == "audit-logging");
    }

    [Fact]
    public void Rejects_arguments()
    {
        var run = CliRun.Of("audit-policy", "extra");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
    }
}
