using Palisade.Model.Mesh;

namespace Palisade.Kubernetes.Tests.Mapping;

/// <summary>Istio PeerAuthentication, DestinationRule and AuthorizationPolicy manifests, and sidecar facts of pods.</summary>
public sealed class MeshMappingTests
{
    [Fact]
    public void A_peer_authentication_maps_selector_mode_and_ports()
    {
        var policy = Assert.Single(Load.Cluster("""
            apiVersion: security.istio.io/v1beta1
            kind: PeerAuthentication
            metadata: {name: web, namespace: shop, creationTimestamp: "2024-05-01T10:00:00Z"}
            spec:
              selector: {matchLabels: {app: web}}
              mtls: {mode: STRICT}
              portLevelMtls:
                9090: {mode: PERMISSIVE}
                "8080": {}
            """).Cluster.Mesh.PeerAuthentications);
        Assert.Equal(("shop", "web", "app=web", MtlsMode.Strict), (policy.Namespace, policy.Name, policy.Selector?.ToString(), policy.Mode));
        Assert.Equal([(8080, MtlsMode.Unset), (9090, MtlsMode.Permissive)], policy.PortLevel.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), policy.Created);
    }

    [Fact]
    public void A_selector_without_labels_makes_a_namespace_wide_policy_and_no_mtls_is_unset()
    {
        var policy = Assert.Single(Load.Cluster("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default}
            spec:
              selector: {matchLabels: {}}
            """).Cluster.Mesh.PeerAuthentications);
        Assert.Equal(("default", null, MtlsMode.Unset), (policy.Namespace, policy.Selector, policy.Mode));
    }

    [Fact]
    public void A_destination_rule_collects_every_tls_setting_with_its_field()
    {
        var rule = Assert.Single(Load.Cluster("""
            apiVersion: networking.istio.io/v1alpha3
            kind: DestinationRule
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              host: reviews
              exportTo: ["."]
              trafficPolicy:
                tls: {mode: ISTIO_MUTUAL}
                portLevelSettings:
                - port: {number: 9080}
                  tls: {sni: reviews}
              subsets:
              - name: v2
                trafficPolicy:
                  tls: {mode: SIMPLE}
            """).Cluster.Mesh.DestinationRules);
        Assert.Equal(["."], rule.ExportTo);
        Assert.Equal(
            [
                new DestinationTls("spec.trafficPolicy.tls.mode", DestinationTlsMode.IstioMutual),
                new DestinationTls("spec.trafficPolicy.portLevelSettings[0].tls", DestinationTlsMode.Disable, 9080),
                new DestinationTls("spec.subsets[0].trafficPolicy.tls.mode", DestinationTlsMode.Simple, null, "v2"),
            ],
            rule.Tls);
    }

    [Fact]
    public void An_allow_policy_is_allow_all_only_with_an_empty_rule()
    {
        var policies = Load.Cluster("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: deny-all, namespace: shop}
            spec: {}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: open, namespace: shop}
            spec:
              rules:
              - from: [{source: {namespaces: [shop]}}]
              - {from: [], to: []}
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: block, namespace: shop}
            spec:
              action: DENY
              rules: [{}]
            """).Cluster.Mesh.AuthorizationPolicies;
        Assert.Equal([("deny-all", false, 0), ("open", true, 2), ("block", false, 1)], policies.Select(p => (p.Name, p.AllowsAll, p.RuleCount)));
        Assert.Equal([1], policies[1].EmptyRules);
    }

    [Fact]
    public void Injected_pods_and_legacy_annotations_become_sidecar_hints_of_their_workload()
    {
        var mesh = Load.Cluster("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: shop
              annotations: {sidecar.istio.io/status: '{"containers":["istio-proxy"]}'}
            spec:
              containers: [{name: web, image: nginx}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: job-runner, namespace: shop}
            spec:
              selector: {matchLabels: {app: runner}}
              template:
                metadata:
                  labels: {app: runner}
                  annotations: {sidecar.istio.io/inject: "false"}
                spec:
                  containers: [{name: runner, image: busybox}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: native, namespace: shop}
            spec:
              selector: {matchLabels: {app: native}}
              template:
                metadata: {labels: {app: native}}
                spec:
                  initContainers: [{name: istio-proxy, image: proxyv2, restartPolicy: Always}]
                  containers: [{name: app, image: app}]
            """).Cluster.Mesh;
        Assert.Equal(
            [("job-runner", new SidecarHint(false, "false")), ("native", new SidecarHint(true, null)), ("web-1", new SidecarHint(true, null))],
            mesh.Sidecars.Select(s => (s.Key.Name, s.Value)).OrderBy(s => s.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("mtls: {mode: MUTUAL}", "spec.mtls.mode", "unrecognized mTLS mode \"MUTUAL\"")]
    [InlineData("selector: app=web", "spec.selector", "expected a mapping")]
    [InlineData("selector: {matchLabels: [app]}", "spec.selector.matchLabels", "expected a mapping")]
    [InlineData("portLevelMtls: {8080: {mode: DISABLE}}", "spec.portLevelMtls", "requires a selector")]
    [InlineData("selector: {matchLabels: {app: web}}\n  portLevelMtls: {http: {mode: DISABLE}}", "spec.portLevelMtls.http", "not a port number")]
    [InlineData("selector: {matchLabels: {app: web}}\n  portLevelMtls: {70000: {mode: DISABLE}}", "spec.portLevelMtls.70000", "not a port number")]
    [InlineData("selector: {matchLabels: {app: web}}\n  portLevelMtls: {8080: {mode: strict}}", "spec.portLevelMtls.8080.mode", "unrecognized mTLS mode \"strict\"")]
    public void A_bad_peer_authentication_is_rejected_with_its_field(string spec, string field, string problem)
    {
        var error = Load.Error($"""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {"{"}name: web, namespace: shop{"}"}
            spec:
              {spec}
            """);
        Assert.Equal("PeerAuthentication shop/web", error.ObjectName);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal("test.yaml", error.Location?.File);
        Assert.True(error.Location?.Line >= 4, $"expected the spec's line, got {error.Location}");
    }

    [Fact]
    public void A_bad_destination_rule_or_authorization_policy_is_rejected_with_its_field()
    {
        var tls = Load.Error("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: bookinfo}
            spec:
              host: reviews
              subsets:
              - name: v1
                trafficPolicy: {tls: {mode: ISTIO}}
            """);
        Assert.Equal(("DestinationRule bookinfo/reviews", "spec.subsets[0].trafficPolicy.tls.mode", 8), (tls.ObjectName, tls.Field, tls.Location?.Line));
        Assert.Contains("unrecognized TLS mode \"ISTIO\"", tls.Message, StringComparison.Ordinal);
        var host = Load.Error("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: reviews, namespace: bookinfo}
            spec: {trafficPolicy: {tls: {mode: DISABLE}}}
            """);
        Assert.Equal(("spec.host", "required"), (host.Field, host.Problem));
        var action = Load.Error("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: open, namespace: shop}
            spec:
              action: PERMIT
              rules: [{}]
            """);
        Assert.Equal(("AuthorizationPolicy shop/open", "spec.action", 5), (action.ObjectName, action.Field, action.Location?.Line));
        Assert.Contains("unrecognized action \"PERMIT\" (ALLOW, DENY, AUDIT, CUSTOM)", action.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Istio_kinds_of_other_groups_are_ignored_and_duplicates_rejected()
    {
        var loaded = Load.Cluster("""
            apiVersion: example.com/v1
            kind: PeerAuthentication
            metadata: {name: web}
            """);
        Assert.Empty(loaded.Cluster.Mesh.PeerAuthentications);
        Assert.Single(loaded.Ignored);
        var twice = Load.Error("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: shop}
            ---
            apiVersion: security.istio.io/v1beta1
            kind: PeerAuthentication
            metadata: {name: default, namespace: shop}
            """);
        Assert.Equal(("PeerAuthentication shop/default", "metadata.name"), (twice.ObjectName, twice.Field));
    }
}
