using Palisade.Audit.Policy;
using Palisade.Findings;
using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>The audit-logging checks: first-match evaluation, stages, and the recommended policy.</summary>
public sealed class AuditCheckTests
{
    private static IReadOnlyList<Finding> Run(string yaml, string category = "audit-logging")
    {
        var loaded = ManifestSource.LoadText("audit.yaml", yaml);
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Category == category).ToArray();
    }

    [Fact]
    public void The_recommended_policy_yields_no_finding()
    {
        Assert.Empty(Run(RecommendedAuditPolicy.Yaml));
    }

    [Fact]
    public void A_finding_on_a_policy_without_a_name_is_on_the_line_of_its_rule()
    {
        var finding = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
            - level: None
              users: [x]
            - level: Metadata
            """).First();
        Assert.Equal(("Policy audit.yaml", "rules[1]", 6), (finding.Subject, finding.Field, finding.Location?.Line));
    }

    [Fact]
    public void Without_an_audit_policy_the_checks_yield_nothing()
    {
        Assert.Empty(Run("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"));
    }

    [Fact]
    public void A_gap_names_the_request_and_the_rule_that_matched_it_first()
    {
        var findings = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: p}
            rules:
            - level: RequestResponse
              userGroups: ["system:serviceaccounts"]
            - level: RequestResponse
              users: [jane]
              resources: [{group: "", resources: ["pods/*", services]}, {group: rbac.authorization.k8s.io}]
            """).Where(f => f.Rule.Id == "PAL701").ToArray();
        // Network policies, Endpoints and proxying, and (jane's) workload writes and node addresses.
        Assert.Equal(5, findings.Length);
        var finding = findings.Single(f => f.Message.Contains("network policy changes", StringComparison.Ordinal));
        Assert.Equal("audit policy p does not record network policy changes (changes to NetworkPolicies and to the policy.networking.k8s.io tiers) "
            + "with the request: for a create networkpolicies.networking.k8s.io in namespace app by jane, no rule matches it, so it is not logged", finding.Message);
        Assert.Null(finding.Field);
    }

    [Fact]
    public void Endpoint_writes_and_node_proxy_must_be_recorded_too()
    {
        var findings = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: p}
            rules:
            - level: RequestResponse
              verbs: [create, update, patch, delete]
              resources:
              - {group: networking.k8s.io, resources: [networkpolicies]}
              - {group: policy.networking.k8s.io}
              - {group: rbac.authorization.k8s.io}
              - {group: "", resources: [services]}
            - level: Request
              resources: [{group: "", resources: [pods/exec, pods/attach, pods/portforward]}]
            - level: Metadata
            """).Where(f => f.Rule.Id == "PAL701").Select(f => f.Message).ToArray();
        // The Metadata catch-all also loses the writes the audit replays and the node and pod addresses.
        Assert.Equal(4, findings.Length);
        Assert.StartsWith("audit policy p does not record Endpoints changes (", findings[0], StringComparison.Ordinal);
        Assert.Contains("for a create endpoints in namespace app by jane", findings[0], StringComparison.Ordinal);
        Assert.StartsWith("audit policy p does not record node and Service proxy requests (", findings[1], StringComparison.Ordinal);
        Assert.Contains("nodes/proxy", findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_and_deployments_at_metadata_lose_the_writes_the_audit_replays()
    {
        var findings = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: p}
            rules:
            - level: Metadata
              resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, resources: [tokenreviews]}]
            - level: Metadata
              resources: [{group: "", resources: [pods]}, {group: apps, resources: [deployments]}]
            - level: RequestResponse
            """);
        var finding = Assert.Single(findings);
        Assert.Equal("PAL701", finding.Rule.Id);
        Assert.StartsWith("audit policy p does not record the writes palisade audit replays (", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("with the request and response: for a create pods in namespace app by jane, rules[1] matches it first, at level Metadata", finding.Message, StringComparison.Ordinal);
        Assert.Equal("rules[1]", finding.Field);
    }

    [Fact]
    public void The_replayed_writes_need_the_response_and_the_addresses_the_request()
    {
        var findings = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: p}
            rules:
            - level: Metadata
              resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, resources: [tokenreviews]}]
            - level: RequestResponse
              resources: [{group: "", resources: [pods, namespaces, replicationcontrollers]}]
            - level: Metadata
              userGroups: ["system:nodes"]
              resources: [{group: "", resources: [pods/status]}]
            - level: Request
            """);
        Assert.Equal(2, findings.Count);
        var writes = findings.Single(f => f.Message.StartsWith("audit policy p does not record the writes palisade audit replays (", StringComparison.Ordinal));
        Assert.EndsWith("for a create deployments.apps in namespace app by jane, rules[3] matches it first, at level Request", writes.Message, StringComparison.Ordinal);
        var addresses = findings.Single(f => f.Message.StartsWith("audit policy p does not record node and pod addresses (", StringComparison.Ordinal));
        Assert.EndsWith("for a update pods/status in namespace app by system:node:node-1, rules[2] matches it first, at level Metadata", addresses.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Omitting_the_completion_stage_loses_the_record()
    {
        var findings = Run("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: p}
            omitStages: [ResponseComplete]
            rules:
            - level: Metadata
              resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, resources: [tokenreviews]}]
            - level: RequestResponse
            """).Where(f => f.Rule.Id == "PAL701").ToArray();
        Assert.Equal(8, findings.Length);
        Assert.EndsWith("rules[1] logs it at level RequestResponse but omits stage ResponseComplete", findings[0].Message);
    }

    [Fact]
    public void Rules_match_as_the_api_server_checks_them()
    {
        var jane = AuditRequest.ForResource("jane", ["system:authenticated"], "create", "", "pods/exec", "app");
        Assert.True(new AuditRule(0, AuditLevel.Request) { Resources = [new AuditGroupResources("", ["pods/*"])] }.Matches(jane));
        Assert.True(new AuditRule(0, AuditLevel.Request) { Resources = [new AuditGroupResources("", ["*/exec"])] }.Matches(jane));
        Assert.False(new AuditRule(0, AuditLevel.Request) { Resources = [new AuditGroupResources("", ["pods"])] }.Matches(jane));
        Assert.False(new AuditRule(0, AuditLevel.Request) { Namespaces = [""] }.Matches(jane));
        Assert.False(new AuditRule(0, AuditLevel.Request) { NonResourceUrls = ["*"] }.Matches(jane));
        Assert.True(new AuditRule(0, AuditLevel.Request) { UserGroups = ["system:authenticated"], Verbs = ["create"] }.Matches(jane));
        var anp = AuditRequest.ForResource("jane", [], "delete", "policy.networking.k8s.io", "adminnetworkpolicies", null);
        Assert.True(new AuditRule(0, AuditLevel.Request) { Namespaces = [""] }.Matches(anp));
        Assert.False(new AuditRule(0, AuditLevel.Request) { Resources = [new AuditGroupResources("*", [])] }.Matches(anp));
    }
}
