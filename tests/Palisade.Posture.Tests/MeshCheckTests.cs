using Palisade.Findings;
using Palisade.Kubernetes;
using Palisade.Model.Mesh;
using Palisade.Testing;

namespace Palisade.Posture.Tests;

/// <summary>The mesh checks beyond their fixtures: precedence, severities, messages, fixes, mesh presence and real manifests.</summary>
public sealed class MeshCheckTests
{
    private const string Meshed = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio-injection: enabled}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---

        """;

    [Fact]
    public void Without_a_root_policy_the_mesh_default_is_permissive_and_reported_on_the_root_namespace()
    {
        var finding = Assert.Single(Run(Meshed + "apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n", "PAL601"));
        Assert.Equal("Namespace istio-system", finding.Subject);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("PERMISSIVE (Istio's default", finding.Message, StringComparison.Ordinal);
        Assert.Contains("name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mesh_wide_disable_is_high_and_unset_is_the_permissive_default()
    {
        var disabled = Assert.Single(Run(Meshed + Peer("istio-system", "default", "DISABLE"), "PAL601"));
        Assert.Equal((Severity.High, "PeerAuthentication istio-system/default"), (disabled.Severity, disabled.Subject));
        var unset = Assert.Single(Run(Meshed + Peer("istio-system", "default", "UNSET"), "PAL601"));
        Assert.Contains("PERMISSIVE (Istio's default", unset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_istio_nothing_is_reported()
    {
        var findings = Run("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop, annotations: {sidecar.istio.io/inject: "false"}}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}, annotations: {sidecar.istio.io/rewriteAppHTTPProbers: "true"}}
                spec: {containers: [{name: web, image: nginx}]}
            """, null);
        Assert.DoesNotContain(findings, f => f.Rule.Category == "mesh");
    }

    [Fact]
    public void Namespace_finding_carries_the_mode_the_deciding_policy_and_a_strict_fix()
    {
        var finding = Assert.Single(Run(Meshed + Peer("istio-system", "default", "STRICT") + Peer("shop", "relaxed", "DISABLE"), "PAL602"));
        Assert.Equal(("Namespace shop", Severity.High), (finding.Subject, finding.Severity));
        Assert.Contains("DISABLE (PeerAuthentication shop/relaxed, namespace-wide)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("name: relaxed\n  namespace: shop\n", finding.Fix, StringComparison.Ordinal);
        Assert.Equal(24, finding.Location?.Line);
    }

    [Fact]
    public void A_plaintext_finding_names_the_mode_field_of_the_deciding_policy()
    {
        var relaxed = Meshed + Peer("istio-system", "default", "STRICT") + Peer("shop", "relaxed", "PERMISSIVE");
        var namespaceWide = Assert.Single(Run(relaxed, "PAL602"));
        Assert.Equal("spec.mtls.mode", namespaceWide.Field);
        Assert.Equal((LineOf(relaxed, "PERMISSIVE"), "mesh.yaml"), (namespaceWide.Location?.Line, namespaceWide.Location?.File));
        var yaml = Meshed + Peer("shop", "default", "STRICT") + """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: web-legacy, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              portLevelMtls:
                15090:
                  mode: DISABLE
            """;
        var port = Assert.Single(Run(yaml, "PAL602"));
        Assert.Equal("spec.portLevelMtls.15090.mode", port.Field);
        Assert.Equal(LineOf(yaml, "mode: DISABLE"), port.Location?.Line);
    }

    [Fact]
    public void The_oldest_of_two_namespace_policies_decides()
    {
        var yaml = Meshed + Peer("shop", "newer", "STRICT", created: "2024-06-01T00:00:00Z") + Peer("shop", "older", "PERMISSIVE", created: "2023-01-01T00:00:00Z");
        var finding = Assert.Single(Run(yaml, "PAL602"));
        Assert.Contains("PeerAuthentication shop/older", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workload_policy_weakening_its_namespace_is_reported_on_the_workload()
    {
        var yaml = Meshed + Peer("shop", "default", "STRICT") + """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: web-legacy, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              mtls: {mode: PERMISSIVE}
              portLevelMtls: {15090: {mode: DISABLE}, 8443: {mode: STRICT}}
            """;
        var finding = Assert.Single(Run(yaml, "PAL602"));
        Assert.Equal(("Deployment shop/web", Severity.High), (finding.Subject, finding.Severity));
        Assert.Contains("PeerAuthentication shop/web-legacy sets PERMISSIVE on the ports not set by port, DISABLE on port 15090, where the namespace's mode is STRICT (PeerAuthentication shop/default, namespace-wide)",
            finding.Message, StringComparison.Ordinal);
        Assert.Contains("  selector:\n    matchLabels:\n      app: \"web\"\n  mtls:\n    mode: STRICT\n", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Precedence_port_over_workload_over_namespace_over_mesh()
    {
        var loaded = ManifestSource.LoadText("mesh.yaml", Meshed + Peer("istio-system", "default", "STRICT") + Peer("shop", "default", "UNSET") + """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              mtls: {mode: PERMISSIVE}
              portLevelMtls: {8080: {mode: UNSET}, 9090: {mode: DISABLE}}
            """);
        var mesh = loaded.Cluster.Mesh;
        var pod = Assert.Single(loaded.Cluster.Network.Pods);
        Assert.Equal("STRICT (PeerAuthentication istio-system/default, mesh-wide)", MtlsResolver.Namespace(mesh, "shop").Describe());
        Assert.Equal(MtlsMode.Permissive, MtlsResolver.Workload(mesh, pod).Mode);
        Assert.Equal([(8080, MtlsMode.Permissive), (9090, MtlsMode.Disable)], MtlsResolver.Ports(mesh, pod).Select(p => (p.Port, p.Decision.Mode)));
    }

    [Fact]
    public void A_selector_policy_in_the_root_namespace_applies_to_no_workload()
    {
        // Istio composes a workload-level PeerAuthentication only outside the root namespace; in it, one with a
        // selector is ignored, so its pods run the mesh-wide mode.
        var loaded = ManifestSource.LoadText("mesh.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: istio-system, labels: {istio-injection: enabled}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: internal-api, namespace: istio-system}
            spec:
              selector: {matchLabels: {app: internal-api}}
              template:
                metadata: {labels: {app: internal-api}}
                spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: internal-api, namespace: istio-system}
            spec:
              selector: {matchLabels: {app: internal-api}}
              mtls: {mode: STRICT}
            """);
        var pod = Assert.Single(loaded.Cluster.Network.Pods);
        Assert.Null(MtlsResolver.WorkloadPolicy(loaded.Cluster.Mesh, pod));
        Assert.Equal(MtlsMode.Permissive, MtlsResolver.Workload(loaded.Cluster.Mesh, pod).Mode);
        Assert.Contains(LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings.Findings, f => f.Rule.Id == "PAL602" && f.Subject == "Namespace istio-system");
    }

    [Theory]
    [InlineData("{istio-injection: enabled}", "{app: web}", "", true)]
    [InlineData("{istio-injection: enabled}", "{app: web, sidecar.istio.io/inject: \"false\"}", "", false)]
    [InlineData("{istio-injection: enabled}", "{app: web}", "{sidecar.istio.io/inject: \"false\"}", false)]
    [InlineData("{istio-injection: disabled}", "{app: web, sidecar.istio.io/inject: \"true\"}", "", false)]
    [InlineData("{}", "{app: web, sidecar.istio.io/inject: \"true\"}", "", true)]
    [InlineData("{}", "{app: web}", "{sidecar.istio.io/inject: \"true\"}", false)]
    [InlineData("{istio.io/rev: canary}", "{app: web}", "", true)]
    [InlineData("{istio.io/dataplane-mode: ambient}", "{app: web}", "", true)]
    [InlineData("{istio.io/dataplane-mode: ambient}", "{app: web, istio.io/dataplane-mode: none}", "", false)]
    [InlineData("{}", "{app: web, security.istio.io/tlsMode: istio}", "", true)]
    public void Mesh_membership_follows_the_injector(string namespaceLabels, string podLabels, string podAnnotations, bool inMesh)
    {
        var loaded = ManifestSource.LoadText("mesh.yaml", $$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {{namespaceLabels}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {{podLabels}}, annotations: {{(podAnnotations.Length == 0 ? "{}" : podAnnotations)}}}
            spec: {containers: [{name: web, image: nginx}]}
            """);
        Assert.Equal(inMesh, MeshMembership.InMesh(loaded.Cluster.Network, loaded.Cluster.Mesh, Assert.Single(loaded.Cluster.Network.Pods)));
    }

    [Fact]
    public void Destination_rules_in_other_namespaces_and_wildcards_count_as_in_cluster()
    {
        var findings = Run("""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: all-local, namespace: istio-system}
            spec: {host: "*.local", trafficPolicy: {tls: {mode: DISABLE}}}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: cart, namespace: web}
            spec: {host: cart.shop, exportTo: [".", "shop"], trafficPolicy: {portLevelSettings: [{port: {number: 6379}, tls: {mode: SIMPLE}}]}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """, "PAL603");
        Assert.Equal(["DestinationRule istio-system/all-local Medium", "DestinationRule web/cart Low"], findings.Select(f => $"{f.Resource} {f.Severity}"));
        Assert.Contains("for port 6379 to in-cluster host cart.shop: clients in web, shop use one-way TLS", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal("spec.trafficPolicy.portLevelSettings[0].tls.mode", findings[1].Field);
    }

    [Fact]
    public void A_namespace_outside_the_mesh_gets_no_label_fix_that_would_accept_plaintext()
    {
        var finding = Assert.Single(Run(Meshed + """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: report, namespace: batch}
            spec:
              selector: {matchLabels: {app: report}}
              template:
                metadata: {labels: {app: report}}
                spec: {containers: [{name: report, image: busybox}]}
            """, "PAL605"));
        Assert.Equal(("Namespace batch", Severity.Low), (finding.Subject, finding.Severity));
        // Enrolled under the mesh's PERMISSIVE default, the namespace would accept plaintext (PAL602): the proof withholds the label.
        Assert.Null(finding.Fix);
        Assert.Contains("No ready manifest: the generated one, applied in memory, would add PAL602 on Namespace batch", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_a_strict_mesh_the_injection_label_is_offered_as_a_command()
    {
        var finding = Assert.Single(Run(Meshed + """
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: report, namespace: batch}
            spec:
              selector: {matchLabels: {app: report}}
              template:
                metadata: {labels: {app: report}}
                spec: {containers: [{name: report, image: busybox}]}
            """, "PAL605"));
        Assert.Equal("kubectl label namespace batch istio-injection=enabled\n", finding.Fix);
        Assert.Equal(new Palisade.Model.Changes.LabelNamespace("batch", "istio-injection", "enabled"), finding.FixChange);
    }

    [Fact]
    public void Bookinfo_pods_with_injected_sidecars_and_no_policy_run_the_permissive_default()
    {
        // k8s_ingress_test: six Bookinfo pods in default, all injected (sidecar.istio.io/status, security.istio.io/tlsMode),
        // and no Istio object: Istio is present, the mesh-wide default is PERMISSIVE, and default accepts plaintext.
        var findings = RunPath(RepoPaths.Corpus("np-guard", "tests", "k8s_ingress_test")).Where(f => f.Rule.Category == "mesh").ToArray();
        Assert.Equal(["PAL601 Namespace istio-system Medium", "PAL602 Namespace default Medium"],
            findings.Select(f => $"{f.Rule.Id} {f.Resource} {f.Severity}").Order(StringComparer.Ordinal));
        Assert.Contains("for its 6 meshed workload(s)", findings.Single(f => f.Rule.Id == "PAL602").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Online_boutique_probe_rewrite_annotations_do_not_mean_istio_runs()
    {
        var findings = RunPath(RepoPaths.Corpus("manifests", "online-boutique"));
        Assert.DoesNotContain(findings, f => f.Rule.Category == "mesh");
    }

    private static string Peer(string ns, string name, string mode, string? created = null) => $$"""
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: {{name}}, namespace: {{ns}}{{(created is null ? "" : $", creationTimestamp: \"{created}\"")}}}
        spec:
          mtls: {mode: {{mode}}}
        ---

        """;

    private static int LineOf(string yaml, string text) => Array.FindIndex(yaml.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private static IReadOnlyList<Finding> Run(string yaml, string? id)
    {
        var loaded = ManifestSource.LoadText("mesh.yaml", yaml);
        var findings = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings.Findings;
        return id is null ? findings : findings.Where(f => f.Rule.Id == id).ToArray();
    }

    private static IReadOnlyList<Finding> RunPath(string path)
    {
        var loaded = ManifestSource.Load([path], lenient: true);
        return LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings.Findings;
    }
}
