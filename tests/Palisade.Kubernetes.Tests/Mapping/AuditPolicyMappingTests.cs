using Palisade.Audit.Policy;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>Audit policy files among the manifests: read only as audit.k8s.io, validated as the API server does.</summary>
public sealed class AuditPolicyMappingTests
{
    [Fact]
    public void An_audit_policy_without_metadata_is_named_after_its_file()
    {
        var policy = Assert.Single(Load.Cluster("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
            - level: None
              nonResourceURLs: ["/healthz*"]
            - level: RequestResponse
              users: [jane]
              userGroups: [ops]
              verbs: [create]
              namespaces: [""]
              resources:
              - group: policy.networking.k8s.io
                resources: [adminnetworkpolicies]
                resourceNames: [guard]
              omitStages: [ResponseStarted]
            """, "audit/policy.yaml").Cluster.AuditPolicies);
        Assert.Equal("policy.yaml", policy.Name);
        Assert.Equal([AuditStage.RequestReceived], policy.OmitStages);
        Assert.Equal([AuditLevel.None, AuditLevel.RequestResponse], policy.Rules.Select(r => r.Level));
        Assert.Equal(["/healthz*"], policy.Rules[0].NonResourceUrls);
        var rule = policy.Rules[1];
        Assert.Equal(["jane"], rule.Users);
        Assert.Equal(["ops"], rule.UserGroups);
        Assert.Equal(["create"], rule.Verbs);
        Assert.Equal([""], rule.Namespaces);
        Assert.Equal("policy.networking.k8s.io", rule.Resources[0].Group);
        Assert.Equal(["adminnetworkpolicies"], rule.Resources[0].Resources);
        Assert.Equal(["guard"], rule.Resources[0].ResourceNames);
        Assert.Equal([AuditStage.ResponseStarted], rule.OmitStages);
    }

    [Fact]
    public void Only_the_audit_k8s_io_policy_kind_is_read()
    {
        var loaded = Load.Cluster("""
            apiVersion: kyverno.io/v1
            kind: Policy
            metadata: {name: require-labels, namespace: shop}
            ---
            kind: Policy
            metadata: {name: unknown}
            ---
            apiVersion: audit.k8s.io/v1
            kind: Policy
            metadata: {name: mine}
            rules: [{level: Metadata}]
            """);
        Assert.Equal("mine", Assert.Single(loaded.Cluster.AuditPolicies).Name);
        Assert.Equal(["test.yaml:1:1: ignored Policy shop/require-labels: apiVersion kyverno.io/v1 is not the audit.k8s.io Policy",
            "test.yaml:5:1: ignored Policy unknown: Policy without apiVersion; only audit.k8s.io/v1 Policy is read"],
            loaded.Ignored.Select(i => i.ToString()));
    }

    [Theory]
    [InlineData("- users: [jane]", "test.yaml:5:3: Policy p: rules[0].level: required: None, Metadata, Request or RequestResponse")]
    [InlineData("- level: Everything", "test.yaml:5:10: Policy p: rules[0].level: unsupported value \"Everything\": must be None, Metadata, Request or RequestResponse")]
    [InlineData("- level: Metadata\n  resources: [{group: networking.k8s.io/v1, resources: [networkpolicies]}]",
        "test.yaml:6:23: Policy p: rules[0].resources[0].group: \"networking.k8s.io/v1\" is not an API group name (a lower-case DNS subdomain without version, such as networking.k8s.io)")]
    [InlineData("- level: Metadata\n  resources: [{group: \"\"}]\n  nonResourceURLs: [/healthz]",
        "test.yaml:7:20: Policy p: rules[0].nonResourceURLs: rules cannot apply to both regular resources and non-resource URLs")]
    [InlineData("- level: Metadata\n  omitStages: [Done]", "test.yaml:6:16: Policy p: rules[0].omitStages[0]: unsupported value \"Done\": must be RequestReceived, ResponseStarted, ResponseComplete or Panic")]
    public void Invalid_audit_policies_are_rejected(string rules, string message)
    {
        var e = Load.Error("apiVersion: audit.k8s.io/v1\nkind: Policy\nmetadata: {name: p}\nrules:\n" + rules + "\n");
        Assert.Equal(message, e.Message);
    }
}
