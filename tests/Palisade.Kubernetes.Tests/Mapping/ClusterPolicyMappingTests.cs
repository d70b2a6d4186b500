using Palisade.Policy;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy manifests.</summary>
public sealed class ClusterPolicyMappingTests
{
    [Fact]
    public void A_cluster_network_policy_maps_tier_actions_and_protocols()
    {
        var policy = Assert.Single(Load.Snapshot("""
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: guard}
            spec:
              tier: Baseline
              priority: 7
              subject: {namespaces: {matchLabels: {env: prod}}}
              egress:
              - name: dns
                action: Accept
                to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}}]
                protocols: [{udp: {destinationPort: {number: 53}}}, {tcp: {destinationPort: {range: {start: 8000, end: 8100}}}}, {destinationNamedPort: metrics}]
              - action: Deny
                to: [{networks: ["0.0.0.0/0", "::/0"]}]
            """).AdminPolicies);
        Assert.Equal((AdminTier.Baseline, 7), (policy.Tier, policy.Priority));
        Assert.Equal([AdminAction.Allow, AdminAction.Deny], policy.Egress.Select(r => r.Action));
        Assert.Equal(["UDP 53", "TCP 8000-8100", "named port metrics"], policy.Egress[0].Ports.Select(p => p.ToString()));
        Assert.Equal("networks 0.0.0.0/0, ::/0", policy.Egress[1].Peers[0].ToString());
    }

    [Fact]
    public void Nodes_peers_are_kept_but_match_nothing_with_a_warning()
    {
        var loaded = Load.Cluster("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: a}
            spec:
              priority: 1
              subject: {namespaces: {}}
              egress:
              - action: Deny
                to: [{nodes: {matchLabels: {role: control-plane}}}]
            """);
        Assert.Equal("nodes role=control-plane", Assert.IsType<AdminUnmodelledPeer>(loaded.Cluster.Network.AdminPolicies[0].Egress[0].Peers[0]).ToString());
        Assert.Contains("nodes peers are not modelled", Assert.Single(loaded.Warnings));
    }

    [Theory]
    [InlineData("ClusterNetworkPolicy", "  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress: [{action: Allow, from: [{namespaces: {}}]}]", "spec.ingress[0].action: ClusterNetworkPolicy actions are Accept, Deny and Pass")]
    [InlineData("ClusterNetworkPolicy", "  tier: Middle\n  priority: 1\n  subject: {namespaces: {}}", "spec.tier: \"Middle\" is not a tier (Admin, Baseline)")]
    [InlineData("AdminNetworkPolicy", "  subject: {namespaces: {}}", "spec.priority: required")]
    [InlineData("AdminNetworkPolicy", "  priority: 1\n  subject: {namespaces: {}}\n  ingress: [{action: Allow, from: [{networks: [10.0.0.0/8]}]}]", "spec.ingress[0].from[0]: an ingress peer is namespaces or pods")]
    public void Invalid_cluster_policies_are_rejected(string kind, string spec, string message)
    {
        var e = Load.Error($"apiVersion: policy.networking.k8s.io/v1alpha{(kind == "ClusterNetworkPolicy" ? 2 : 1)}\nkind: {kind}\nmetadata: {{name: p}}\nspec:\n{spec}\n");
        Assert.EndsWith(message, e.Message);
    }
}
