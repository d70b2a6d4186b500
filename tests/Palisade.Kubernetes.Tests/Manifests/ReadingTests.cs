using Palisade.Kubernetes;
using Palisade.Kubernetes.Manifests;

namespace Palisade.Kubernetes.Tests.Manifests;

/// <summary>Documents, lists, JSON and the handling of what is not a Kubernetes object.</summary>
public sealed class ReadingTests
{
    [Fact]
    public void Multi_document_yaml_yields_every_object()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            # a comment-only document
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: shop}
            spec: {podSelector: {}}
            """);
        Assert.Equal(["shop"], snapshot.Namespaces.Keys);
        Assert.Equal("shop/web", Assert.Single(snapshot.Pods).ToString());
        Assert.Equal("shop/deny", Assert.Single(snapshot.NetworkPolicies).ToString());
    }

    [Fact]
    public void List_items_are_read_with_their_own_kinds()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: b}
              spec: {template: {metadata: {labels: {app: b}}}}
            """);
        Assert.Equal(["default/a[Pod]", "default/b[Deployment]"], snapshot.Pods.Select(p => p.Owner.ToString()));
    }

    [Fact]
    public void Typed_list_items_take_the_kind_of_the_list()
    {
        var snapshot = Load.Snapshot("""
            {"apiVersion": "v1", "kind": "PodList", "items": [
              {"metadata": {"name": "a", "namespace": "x"}},
              {"metadata": {"name": "b", "namespace": "x"}}]}
            """, "pods.json");
        Assert.Equal(["x/a", "x/b"], snapshot.Pods.Select(p => p.ToString()));
    }

    [Fact]
    public void Unknown_kinds_are_ignored_and_reported()
    {
        var loaded = Load.Cluster("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: x}
            ---
            apiVersion: crd.projectcalico.org/v1
            kind: NetworkPolicy
            metadata: {name: calico}
            """);
        Assert.Empty(loaded.Cluster.Network.NetworkPolicies);
        Assert.Equal(["test.yaml:1:1: ignored ConfigMap x/settings: kind not analysed",
            "test.yaml:5:1: ignored NetworkPolicy calico: apiVersion crd.projectcalico.org/v1 is not the Kubernetes NetworkPolicy"],
            loaded.Ignored.Select(i => i.ToString()));
    }

    [Fact]
    public void Documents_that_are_not_objects_are_skipped_with_a_warning()
    {
        var loaded = Load.Cluster("""
            [{"src": "a", "dst": "b"}]
            """, "stale_output.json");
        Assert.Equal(["stale_output.json:1:1: skipped a document that is not a Kubernetes object (not a mapping)"], loaded.Warnings);
    }

    [Fact]
    public void A_manifest_without_kind_is_an_error()
    {
        var e = Load.Error("""
            apiVersion: v1
            metadata: {name: web}
            """);
        Assert.Equal("test.yaml:1:1: kind: missing: every Kubernetes object needs a kind", e.Message);
    }

    [Fact]
    public void Malformed_yaml_names_file_line_and_column()
    {
        var e = Load.Error("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
               labels: {app: web}
            """);
        Assert.StartsWith("test.yaml:5:", e.Message);
        Assert.Contains("malformed YAML/JSON", e.Message);
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_on_its_line()
    {
        var e = Load.Error("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n");
        Assert.StartsWith("test.yaml:4:", e.Message);
        Assert.Contains("tab", e.Message);
    }

    [Fact]
    public void A_key_twice_in_one_mapping_is_an_error_naming_both_lines()
    {
        var e = Load.Error("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from: [{podSelector: {matchLabels: {app: a}}}]
              ingress:
              - {}
            """);
        Assert.Equal("test.yaml:8:3: NetworkPolicy shop/web: spec.ingress: declared twice in one mapping (first at line 6); the API server rejects duplicate fields", e.Message);
    }

    [Fact]
    public void A_key_twice_in_a_json_list_item_is_an_error()
    {
        var e = Load.Error("""
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x", "name": "b"}}]}
            """, "dump.json");
        Assert.Equal("dump.json:2:83: Pod x/b: metadata.name: declared twice in one mapping (first at line 2); the API server rejects duplicate fields", e.Message);
    }

    [Fact]
    public void A_merge_key_overridden_by_an_explicit_key_is_not_a_duplicate()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a, namespace: x, labels: &l {app: a, tier: web}}
            - apiVersion: v1
              kind: Pod
              metadata: {name: b, namespace: x, labels: {<<: *l, app: b}}
            """);
        Assert.Equal(["app=b", "tier=web"], snapshot.Pods[1].Labels.Items.Select(l => $"{l.Key}={l.Value}").Order());
    }

    [Fact]
    public void Merge_keys_take_inline_mappings_and_lists_the_first_source_winning()
    {
        var snapshot = Load.Snapshot("""
            base: &base {tier: base, zone: a}
            apiVersion: v1
            kind: Pod
            metadata:
              name: a
              namespace: x
              labels:
                <<: [{app: inline, tier: first}, *base]
                app: explicit
            """);
        Assert.Equal(["app=explicit", "tier=first", "zone=a"], snapshot.Pods[0].Labels.Items.Select(l => $"{l.Key}={l.Value}").Order());
    }

    [Fact]
    public void A_merge_key_with_a_scalar_is_an_error_at_its_line()
    {
        var error = Load.Error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: x\n  labels:\n    <<: five\n");
        Assert.StartsWith("test.yaml:7:9: malformed YAML/JSON: a merge key (<<) takes a mapping or a list of mappings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_to_an_anchor_in_an_earlier_list_item_is_read()
    {
        var snapshot = Load.Snapshot("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a, namespace: x, labels: &l {app: web}}
              spec:
                containers: &c [{name: c, image: nginx, ports: [{containerPort: 80, name: http}]}]
            - apiVersion: v1
              kind: Pod
              metadata: {name: b, namespace: x, labels: *l}
              spec:
                containers: *c
            """);
        Assert.Equal(["x/a app=web", "x/b app=web"], snapshot.Pods.Select(p => $"{p} {p.Labels}"));
    }

    [Fact]
    public void An_alias_to_an_anchor_of_another_document_is_an_error()
    {
        var e = Load.Error("""
            apiVersion: v1
            kind: Pod
            metadata: {name: a, labels: &l {app: web}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, labels: *l}
            """);
        Assert.Equal("test.yaml:7:29: malformed YAML/JSON: alias *l has no anchor &l before it in its document (anchors do not reach across documents)", e.Message);
    }

    [Fact]
    public void Aliases_that_expand_without_bound_are_refused()
    {
        var laughs = new System.Text.StringBuilder("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
            laughs.Append($"    l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n");
        var e = Load.Error(laughs.ToString());
        Assert.Contains("aliases expand", e.Message);
    }

    [Fact]
    public void Json_objects_one_after_another_are_read_as_documents_as_kubectl_reads_them()
    {
        const string Two = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"a\", \"namespace\": \"x\"}\n}\n"
            + "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"b\", \"namespace\": \"x\"}\n}\n";
        Assert.Equal(["a", "b"], Load.Snapshot(Two, "pods.json").Pods.Select(p => p.Name).Order(StringComparer.Ordinal));
        const string Lines = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n"
            + "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"b\"}}{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}\n";
        Assert.Equal(["a", "b", "c"], Load.Snapshot(Lines, "pods.json").Pods.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_error_in_a_later_concatenated_json_object_is_at_its_own_line()
    {
        var loaded = ManifestSource.LoadText("pods.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n\n"
            + "  {\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n   \"metadata\": {\"name\": \"b\", \"labels\": {\"app\": 5}}}\n");
        Assert.StartsWith("pods.json:4:48: Pod b: metadata.labels.app: 5", Assert.Single(loaded.Warnings));
        var broken = Load.Error("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n{\"apiVersion\": \"v1\",\n \"kind\": [\"Pod\"}\n", "pods.json");
        Assert.Equal("pods.json:3:16: malformed YAML/JSON: While parsing a flow sequence, did not find expected ',' or ']'.", broken.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_text_are_refused_as_such()
    {
        var latin1 = System.Text.Encoding.Latin1.GetBytes("apiVersion: v1\nkind: Pod\nmetadata: {name: a, annotations: {note: caf\u00e9}}\n");
        var e = Assert.Throws<InvalidInputException>(() => ManifestReader.ReadBytes("pod.yaml", latin1));
        Assert.Equal("pod.yaml:3:44: not UTF-8 text: a binary file, or text in another encoding (convert it to UTF-8)", e.Message);
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n"u8);
        var gz = Assert.Throws<InvalidInputException>(() => ManifestReader.ReadBytes("pods.yaml", compressed.ToArray()));
        Assert.Equal("pods.yaml: gzip-compressed, not a manifest: decompress it first (gunzip -c FILE | palisade ... -)", gz.Message);
        var utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n")).ToArray();
        Assert.Single(ManifestReader.ReadBytes("pod.yaml", utf16).Objects);
    }

    [Fact]
    public void Malformed_json_names_file_line_and_column()
    {
        var e = Load.Error("""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "web",}
            """, "pod.json");
        Assert.StartsWith("pod.json:", e.Message);
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_named()
    {
        var e = Load.Error("""
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: c
                ports:
                - containerPort: []
            """);
        Assert.Equal("test.yaml:8:22: Pod web: spec.containers[0].ports[0].containerPort: expected an integer", e.Message);
    }

    [Theory]
    [InlineData("abc", "expected an integer")]
    [InlineData("8.5", "expected an integer")]
    [InlineData("99999999999999", "99999999999999 is too large for this field")]
    public void A_scalar_that_is_no_integer_of_the_field_is_named_in_manifest_terms(string value, string problem)
    {
        var e = Load.Error($"apiVersion: v1\nkind: Pod\nmetadata: {{name: web}}\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: {value}\n");
        Assert.Equal($"test.yaml:8:22: Pod web: spec.containers[0].ports[0].containerPort: {problem}", e.Message);
    }

    [Fact]
    public void A_namespace_the_API_server_would_refuse_is_named()
    {
        var e = Load.Error("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: My_Shop\nspec: {containers: [{name: c, image: x}]}\n");
        Assert.Equal("test.yaml:5:14: Pod My_Shop/web: metadata.namespace: \"My_Shop\" is not a valid namespace name (up to 63 lowercase letters, digits and '-', starting and ending with a letter or digit)", e.Message);
        var ns = Load.Error("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop.prod\n");
        Assert.Equal("test.yaml:4:9: Namespace shop.prod: metadata.name: \"shop.prod\" is not a valid namespace name (up to 63 lowercase letters, digits and '-', starting and ending with a letter or digit)", ns.Message);
    }

    [Fact]
    public void A_single_value_where_a_list_belongs_is_named()
    {
        var e = Load.Error("apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\nspec:\n  ports: 80\n");
        Assert.Equal("test.yaml:5:10: Service a/s: spec.ports: expected a list", e.Message);
        var types = Load.Error("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec:\n  podSelector: {}\n  policyTypes: Ingress\n");
        Assert.Equal("test.yaml:6:16: NetworkPolicy a/p: spec.policyTypes: expected a list", types.Message);
    }

    [Fact]
    public void A_container_port_name_the_API_server_would_refuse_is_named()
    {
        var e = Load.Error("apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, name: HTTP}\n");
        Assert.Equal("test.yaml:8:33: Pod a/web: spec.containers[0].ports[0].name: \"HTTP\" is not a valid port name (IANA service name: up to 15 lowercase letters, digits and '-', with a letter)", e.Message);
    }

    [Fact]
    public void A_single_value_where_an_object_belongs_is_named()
    {
        var e = Load.Error("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: app=web
            """);
        Assert.Equal("test.yaml:5:16: NetworkPolicy shop/web: spec.podSelector: expected a mapping", e.Message);
    }

    [Fact]
    public void Standard_input_and_directories_are_read()
    {
        var dir = Directory.CreateTempSubdirectory("palisade-read-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "nested"));
            File.WriteAllText(Path.Combine(dir.FullName, "nested", "pod.yml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not read");
            var read = ManifestInputs.Read([dir.FullName, "-"], new StringReader("apiVersion: v1\nkind: Pod\nmetadata: {name: b}\n"), InputOptions.Default);
            Assert.Equal(2, read.Objects.Count);
            Assert.Equal("<stdin>", read.Objects[1].Locations.Object?.File);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_directory_link_back_to_an_ancestor_is_not_read_again()
    {
        var dir = Directory.CreateTempSubdirectory("palisade-read-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n");
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            Directory.CreateSymbolicLink(Path.Combine(dir.FullName, "sub", "loop"), "..");
            Directory.CreateSymbolicLink(Path.Combine(dir.FullName, "same"), dir.FullName);
            var read = ManifestInputs.Read([dir.FullName], TextReader.Null, InputOptions.Default);
            Assert.Equal(Path.Combine(dir.FullName, "pod.yaml"), Assert.Single(read.Objects).Locations.Object?.File);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_path_is_an_error()
    {
        var e = Assert.Throws<InvalidInputException>(() => ManifestInputs.Read(["/nonexistent/path.yaml"], TextReader.Null, InputOptions.Default));
        Assert.Equal("/nonexistent/path.yaml: no such file or directory", e.Message);
    }
}
