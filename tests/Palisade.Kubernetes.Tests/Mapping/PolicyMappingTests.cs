using Palisade.Policy;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>NetworkPolicy manifests: defaults, empty versus missing, and what the API server would reject.</summary>
public sealed class PolicyMappingTests
{
    private static NetworkPolicy Policy(string spec) =>
        Assert.Single(Load.Snapshot($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: ns}}\nspec:\n{spec}\n").NetworkPolicies);

    private static InvalidInputException Rejected(string spec) =>
        Load.Error($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: ns}}\nspec:\n{spec}\n");

    [Fact]
    public void Omitted_policy_types_default_from_the_rules()
    {
        var ingressOnly = Policy("  podSelector: {}");
        Assert.True(ingressOnly.AffectsIngress);
        Assert.False(ingressOnly.AffectsEgress);
        var withEgress = Policy("  podSelector: {}\n  egress: [{}]");
        Assert.True(withEgress.AffectsEgress);
        var emptyEgress = Policy("  podSelector: {}\n  egress: []");
        Assert.False(emptyEgress.AffectsEgress);
    }

    [Fact]
    public void Explicit_policy_types_are_kept()
    {
        var p = Policy("  podSelector: {}\n  policyTypes: [Egress]");
        Assert.False(p.AffectsIngress);
        Assert.True(p.AffectsEgress);
        Assert.Empty(p.Egress);
    }

    [Fact]
    public void Missing_and_empty_peers_and_ports_both_mean_all()
    {
        var p = Policy("  podSelector: {}\n  ingress:\n  - {}\n  - from: []\n    ports: []\n  - ports: [{port: 80}]");
        Assert.All(p.Ingress, r => Assert.Empty(r.Peers));
        Assert.Empty(p.Ingress[0].Ports);
        Assert.Empty(p.Ingress[1].Ports);
        Assert.Single(p.Ingress[2].Ports);
    }

    [Fact]
    public void Missing_pod_selector_selects_every_pod()
    {
        Assert.True(Policy("  ingress: [{}]").PodSelector.IsEmpty);
    }

    [Fact]
    public void Named_and_numeric_ports_are_told_apart()
    {
        var p = Policy("  podSelector: {}\n  ingress:\n  - ports: [{port: http}, {port: 8080, endPort: 8090, protocol: UDP}, {protocol: SCTP}]");
        Assert.Equal(["TCP http", "UDP 8080-8090", "SCTP any port"], p.Ingress[0].Ports.Select(x => x.ToString()));
    }

    [Theory]
    [InlineData("  ingress:\n  - ports: [{port: http, endPort: 90}]", "test.yaml:6:35: NetworkPolicy ns/p: spec.ingress[0].ports[0].endPort: endPort may not be used with a named port")]
    [InlineData("  ingress:\n  - ports: [{port: 90, endPort: 80}]", "test.yaml:6:33: NetworkPolicy ns/p: spec.ingress[0].ports[0].endPort: endPort 80 is below port 90")]
    [InlineData("  ingress:\n  - ports: [{port: 70000}]", "test.yaml:6:20: NetworkPolicy ns/p: spec.ingress[0].ports[0].port: port 70000 is outside 1-65535")]
    [InlineData("  ingress:\n  - ports: [{port: 99999999999}]", "test.yaml:6:20: NetworkPolicy ns/p: spec.ingress[0].ports[0].port: port 99999999999 is outside 1-65535")]
    [InlineData("  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]", "test.yaml:6:10: NetworkPolicy ns/p: spec.egress[0].to[0]: a peer may not combine ipBlock with podSelector or namespaceSelector")]
    [InlineData("  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.300/8}}]", "test.yaml:6:27: NetworkPolicy ns/p: spec.egress[0].to[0].ipBlock.cidr: \"10.0.0.300/8\" is not a valid CIDR")]
    [InlineData("  egress:\n  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/8]}}]", "test.yaml:6:48: NetworkPolicy ns/p: spec.egress[0].to[0].ipBlock.except[0]: except 11.0.0.0/8 is not strictly inside cidr 10.0.0.0/8")]
    [InlineData("  ingress:\n  - from: [{}]", "test.yaml:6:12: NetworkPolicy ns/p: spec.ingress[0].from[0]: must specify a peer: podSelector, namespaceSelector or ipBlock")]
    [InlineData("  policyTypes: [Inbound]", "test.yaml:5:17: NetworkPolicy ns/p: spec.policyTypes[0]: \"Inbound\" is not a policy type (Ingress, Egress)")]
    [InlineData("  podSelector: {matchExpressions: [{key: app, operator: Has}]}", "test.yaml:5:57: NetworkPolicy ns/p: spec.podSelector.matchExpressions[0].operator: \"Has\" is not a valid operator (In, NotIn, Exists, DoesNotExist)")]
    [InlineData("  podSelector: {matchExpressions: [{key: app, operator: In}]}", "test.yaml:5:36: NetworkPolicy ns/p: spec.podSelector.matchExpressions[0].values: must be non-empty when operator is In")]
    [InlineData("  podSelector: {matchLabels: {'app@b': x}}", "test.yaml:5:40: NetworkPolicy ns/p: spec.podSelector.matchLabels.app@b: invalid label key \"app@b\": the name part must be 1-63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric")]
    [InlineData("  ingress:\n  - ports: [{port: 80, protocol: HTTP}]", "test.yaml:6:34: NetworkPolicy ns/p: spec.ingress[0].ports[0].protocol: unsupported protocol \"HTTP\" (want TCP, UDP or SCTP)")]
    [InlineData("  ingress:\n  - ports: [{port: 80, protocol: ''}]", "test.yaml:6:34: NetworkPolicy ns/p: spec.ingress[0].ports[0].protocol: unsupported protocol \"\" (want TCP, UDP or SCTP)")]
    public void Invalid_policies_are_rejected_with_location_object_and_field(string spec, string message) =>
        Assert.Equal(message, Rejected(spec).Message);

    [Fact]
    public void Two_policies_with_one_name_are_rejected()
    {
        var policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec: {podSelector: {}}\n";
        var e = Load.Error(policy + "---\n" + policy);
        Assert.Equal("test.yaml:6:1: NetworkPolicy ns/p: metadata.name: declared twice (first at test.yaml:1:1); only one object of a kind may have a given name", e.Message);
    }
}
