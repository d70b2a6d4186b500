using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// <c>generate</c> on the bundled example's recorded traffic (examples/shop/traffic): the proof holds, DNS keeps
/// working towards the cluster's real DNS pods, the output is stable and a fixed point, the files load strictly and
/// lint finds no high finding they introduce; <c>--from-manifests</c>; bad input and exit codes.
/// </summary>
public sealed class GenerateCommandTests : IDisposable
{
    private static readonly string Shop = RepoPaths.InRepo("examples", "shop");
    private static readonly string State = RepoPaths.InRepo("examples", "shop", "traffic", "cluster-state.dump");
    private static readonly string Traffic = RepoPaths.InRepo("examples", "shop", "traffic", "hubble.jsonl");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CliRun Generate(string[] cluster, params string[] options) =>
        CliRun.Of(["generate", "--flows", Traffic, "--cluster", Shop, State, .. cluster, .. options]);

    private static CliRun Succeeded(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return run;
    }

    /// <summary>The generated policies written under a temporary directory, one file each.</summary>
    private string Written()
    {
        var directory = _temp.File("generated");
        Succeeded(Generate([], "--out", directory));
        return directory;
    }

    private static JsonElement[] Items(CliRun run) => [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("items").EnumerateArray()];

    private static JsonElement Policy(JsonElement[] items, string name) =>
        items.Single(i => i.GetProperty("metadata").GetProperty("name").GetString() == name);

    private static string[] Lines(CliRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void On_the_example_the_proof_holds_and_flagged_flows_are_listed_not_allowed()
    {
        var run = Succeeded(Generate([]));
        // The 30 readiness and liveness probes from each pod's own node are allowed by Kubernetes and get no rule.
        Assert.Contains("from 692 flow records: 385 requests, 31 not delivered, 30 from the pod's own node (allowed whatever the policies), 35 edges to allow", Lines(run)[0], StringComparison.Ordinal);
        Assert.Contains("#   (a) observed traffic allowed: 35 of 35 edges (285 connections)", Lines(run));
        Assert.Contains("#   (c) newly allowed, denied by the existing policies and not observed: none", Lines(run));
        Assert.Contains("# proof holds", Lines(run));
        Assert.Contains("#   metadata-access: shop-web/admin-panel[Deployment] => 169.254.169.254 : TCP 80 (1 connection)", Lines(run));
        Assert.Contains("#   port-scan: shop-web/admin-panel[Deployment] => shop-data/postgres[StatefulSet] : TCP 5432 (1 connection)", Lines(run));
        Assert.Equal(11, Lines(run).Count(l => l == "kind: NetworkPolicy"));
    }

    [Fact]
    public void Every_workload_keeps_DNS_to_the_pods_labelled_as_the_cluster_s_DNS_pods_are()
    {
        Assert.Contains("labels: {k8s-app: kube-dns, pod-template-hash: 5d78c9869d}", File.ReadAllText(State), StringComparison.Ordinal);
        var items = Items(Succeeded(Generate([], "-o", "json")));
        var egress = Policy(items, "palisade-admin-panel").GetProperty("spec").GetProperty("egress").EnumerateArray()
            .Single(r => r.GetProperty("to")[0].GetProperty("podSelector").GetRawText().Contains("kube-dns", StringComparison.Ordinal));
        Assert.Equal("""{"matchLabels":{"k8s-app":"kube-dns"}}""", Compact(egress.GetProperty("to")[0].GetProperty("podSelector")));
        Assert.Equal("""{"matchLabels":{"kubernetes.io/metadata.name":"kube-system"}}""", Compact(egress.GetProperty("to")[0].GetProperty("namespaceSelector")));
        Assert.Equal("""[{"port":53,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]""", Compact(egress.GetProperty("ports")));

        var connectivity = Succeeded(CliRun.Of("connectivity", Shop, State, Written()));
        var clients = items.Select(i => $"{i.GetProperty("metadata").GetProperty("namespace").GetString()}/{i.GetProperty("metadata").GetProperty("name").GetString()![9..]}")
            .Where(w => w != "kube-system/coredns").ToArray();
        Assert.Equal(10, clients.Length);
        foreach (var client in clients)
        {
            var line = Assert.Single(Lines(connectivity), l => l.StartsWith(client + "[", StringComparison.Ordinal) && l.Contains("=> kube-system/coredns[Deployment]", StringComparison.Ordinal));
            Assert.Contains("TCP 53", line, StringComparison.Ordinal);
            Assert.Contains("UDP 53", line, StringComparison.Ordinal);
        }
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public void Generating_again_gives_the_same_bytes_and_with_the_result_applied_the_same_policies()
    {
        var first = Succeeded(Generate([]));
        Assert.Equal(first.Output, Succeeded(Generate([])).Output);
        var applied = Succeeded(Generate([Written()]));
        Assert.Equal(first.Output, applied.Output);
    }

    [Fact]
    public void The_written_files_load_strictly_and_lint_finds_no_high_finding_they_introduce()
    {
        var directory = Written();
        Assert.Equal(11, Directory.GetFiles(directory, "palisade-*.yaml", SearchOption.AllDirectories).Length);
        // connectivity reads strictly: a value the loader rejects (a protocol, a port, a selector) fails it with exit 2.
        Assert.Equal("", Succeeded(CliRun.Of("connectivity", Shop, State, directory)).Error);
        var before = HighFindings(CliRun.Of("lint", Shop, State, "-o", "json"));
        var after = HighFindings(CliRun.Of("lint", Shop, State, directory, "-o", "json"));
        Assert.NotEmpty(before);
        Assert.Empty(after.Except(before));
        Assert.True(after.Count < before.Count, "the generated policies close some of the example's gaps");
    }

    private static HashSet<string> HighFindings(CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        Assert.Equal("", run.Error);
        return [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("severity").GetString() is "high" or "critical")
            .Select(f => $"{f.GetProperty("id").GetString()} {f.GetProperty("message").GetString()}")];
    }

    [Fact]
    public void From_the_manifests_the_policies_are_marked_inferred_and_proved()
    {
        var run = Succeeded(CliRun.Of("generate", "--from-manifests", Shop));
        Assert.Contains("# proof holds", Lines(run));
        Assert.Equal(11, Lines(run).Count(l => l.EndsWith(": inferred from the manifests (Services and the clients that name them), not from observed traffic", StringComparison.Ordinal)));
        Assert.Contains(Lines(run), l => l.StartsWith("# palisade generate: 11 policies (11 workloads) inferred from the manifests", StringComparison.Ordinal));
    }

    /// <summary>
    /// The guestbook's frontend reaches its Redis Services from code, not from configuration: their pods get
    /// policies admitting nothing, so the report lists those Services rather than let the proof hold in silence.
    /// </summary>
    [Fact]
    public void From_the_manifests_a_Service_no_client_names_is_listed_as_left_out()
    {
        var run = Succeeded(CliRun.Of("generate", "--from-manifests", RepoPaths.Corpus("manifests", "guestbook")));
        Assert.Contains("#   no-client: * => Service default/redis-master : TCP 6379 (0 connections)", Lines(run));
        Assert.Contains("#   no-client: * => Service default/redis-replica : TCP 6379 (0 connections)", Lines(run));
        Assert.DoesNotContain(Lines(run), l => l.Contains("Service default/frontend :", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_goes_to_standard_error_with_json()
    {
        var run = Succeeded(Generate([], "-o", "json"));
        Assert.Equal("List", JsonDocument.Parse(run.Output).RootElement.GetProperty("kind").GetString());
        Assert.Contains("proof holds", run.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A flow delivered before an AdminNetworkPolicy started denying it: no NetworkPolicy can allow it again, so
    /// (a) fails and the command exits 1, naming the edge.
    /// </summary>
    [Fact]
    public void An_observed_flow_that_an_admin_policy_denies_fails_the_proof()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: web}}
            - {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: web, labels: {app: a}}, spec: {containers: [{name: main, image: x}]}, status: {podIP: 10.244.0.10}}
            - {apiVersion: v1, kind: Pod, metadata: {name: b, namespace: web, labels: {app: b}}, spec: {containers: [{name: main, image: x, ports: [{containerPort: 8080}]}]}, status: {podIP: 10.244.0.11}}
            - apiVersion: policy.networking.k8s.io/v1alpha1
              kind: AdminNetworkPolicy
              metadata: {name: deny-a-to-b}
              spec:
                priority: 10
                subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b}}}}
                ingress:
                - {name: deny-a, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: a}}}}]}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.244.0.10,40002,10.244.0.11,8080,TCP,100,FORWARDED\n");

        var flagged = CliRun.Of("generate", "--flows", flows, "--cluster", cluster);
        Assert.True(flagged.ExitCode == 0, flagged.Error);
        Assert.Contains("#   policy-violation: web/a[Pod] => web/b[Pod] : TCP 8080 (1 connection)", Lines(flagged));

        var included = CliRun.Of("generate", "--flows", flows, "--cluster", cluster, "--include-flagged", "policy-violation");
        Assert.Equal(1, included.ExitCode);
        Assert.Contains("#   (a) observed traffic allowed: 0 of 1 edge (1 connection)", Lines(included));
        Assert.Contains("#       NOT ALLOWED web/a[Pod] => web/b[Pod] : TCP 8080", Lines(included));
        Assert.Contains("# PROOF VIOLATED: (a) observed traffic denied", Lines(included));
    }

    /// <summary>
    /// A workload the generated set does not touch, in a namespace that had no policy, was open before (PAL101 said so
    /// for the namespace): the set introduces nothing about it, though lint now names it per workload (PAL105).
    /// </summary>
    [Fact]
    public void The_proof_lists_no_finding_about_a_workload_the_set_leaves_as_it_was()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: web, namespace: a, labels: {app: web}}, spec: {containers: [{name: web, image: x}]}, status: {podIP: 10.244.0.1}}
            - {apiVersion: v1, kind: Pod, metadata: {name: api, namespace: a, labels: {app: api}}, spec: {containers: [{name: api, image: x, ports: [{containerPort: 9000}]}]}, status: {podIP: 10.244.0.2}}
            - {apiVersion: v1, kind: Pod, metadata: {name: other, namespace: a, labels: {app: other}}, spec: {containers: [{name: other, image: x}]}, status: {podIP: 10.244.0.3}}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, """
            time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
            2024-05-01T10:00:01Z,10.244.0.1,40001,10.244.0.2,9000,TCP,100,FORWARDED

            """);
        var run = Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster));
        Assert.DoesNotContain(Lines(run), l => l.Contains("a/other", StringComparison.Ordinal));
        Assert.Contains("#   lint: no high finding introduced", Lines(run));
    }

    /// <summary>
    /// A public LoadBalancer's clients are the internet: the three visitors of the capture are not its audience, so
    /// public sources on the Service's target port become any source (a widening the proof lists), while a private
    /// client of the same pods keeps its address and a public source on another port keeps its own.
    /// </summary>
    [Fact]
    public void Public_clients_of_a_LoadBalancer_become_any_source_on_its_target_port()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: web}}
            - {apiVersion: v1, kind: Pod, metadata: {name: site, namespace: web, labels: {app: site}}, spec: {containers: [{name: main, image: x, ports: [{name: http, containerPort: 8080}, {containerPort: 9090}]}]}, status: {podIP: 10.244.0.10}}
            - apiVersion: v1
              kind: Service
              metadata: {name: site, namespace: web}
              spec: {type: LoadBalancer, clusterIP: 10.96.0.30, selector: {app: site}, ports: [{port: 80, targetPort: http}]}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, """
            time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
            2024-05-01T10:00:01Z,203.0.1.7,40001,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:02Z,198.51.100.9,40002,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:03Z,192.0.2.44,40003,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:04Z,10.1.2.3,40004,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:05Z,203.0.1.8,40005,10.244.0.10,9090,TCP,100,FORWARDED

            """);

        var run = Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster, "-o", "json"));
        var ingress = Policy(Items(run), "palisade-site").GetProperty("spec").GetProperty("ingress").EnumerateArray().Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.GetRawText())!.ToJsonString()).ToArray();
        Assert.Contains("""{"ports":[{"port":"http","protocol":"TCP"}]}""", ingress);
        Assert.Contains("""{"from":[{"ipBlock":{"cidr":"10.1.2.3/32"}}],"ports":[{"port":"http","protocol":"TCP"}]}""", ingress);
        Assert.Contains("""{"from":[{"ipBlock":{"cidr":"203.0.1.8/32"}}],"ports":[{"port":9090,"protocol":"TCP"}]}""", ingress);
        Assert.Equal(3, ingress.Length);
        Assert.Contains("any source: Service web/site is of type LoadBalancer; its clients are the internet (3 public addresses seen)", run.Error, StringComparison.Ordinal);
        Assert.Contains("proof holds", run.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A LoadBalancer with loadBalancerSourceRanges admits those ranges: its public clients seen in them stand for the
    /// ranges, not for themselves (two /32s would turn the rest of the office away), while a public source outside every
    /// range (it came in another way) keeps its address.
    /// </summary>
    [Fact]
    public void Public_clients_of_a_LoadBalancer_with_source_ranges_become_its_ranges()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: site, namespace: web, labels: {app: site}}, spec: {containers: [{name: main, image: x, ports: [{containerPort: 8080}]}]}, status: {podIP: 10.244.0.10}}
            - apiVersion: v1
              kind: Service
              metadata: {name: site, namespace: web}
              spec: {type: LoadBalancer, clusterIP: 10.96.0.30, selector: {app: site}, loadBalancerSourceRanges: [203.0.1.0/24, 198.51.100.0/28], ports: [{port: 80, targetPort: 8080}]}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, """
            time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
            2024-05-01T10:00:01Z,203.0.1.7,40001,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:02Z,203.0.1.9,40002,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:03Z,192.0.2.44,40003,10.244.0.10,8080,TCP,100,FORWARDED

            """);

        var run = Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster, "-o", "json"));
        var ingress = Policy(Items(run), "palisade-site").GetProperty("spec").GetProperty("ingress").EnumerateArray().Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.GetRawText())!.ToJsonString()).ToArray();
        Assert.Contains("""{"from":[{"ipBlock":{"cidr":"198.51.100.0/28"}},{"ipBlock":{"cidr":"203.0.1.0/24"}}],"ports":[{"port":8080,"protocol":"TCP"}]}""", ingress);
        Assert.Contains("""{"from":[{"ipBlock":{"cidr":"192.0.2.44/32"}}],"ports":[{"port":8080,"protocol":"TCP"}]}""", ingress);
        Assert.Equal(2, ingress.Length);
        Assert.Contains("source ranges: Service web/site is of type LoadBalancer with loadBalancerSourceRanges 203.0.1.0/24, 198.51.100.0/28; its clients are those ranges (2 public addresses seen)", run.Error, StringComparison.Ordinal);
        Assert.Contains("proof holds", run.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The older annotation sets the ranges when the field is empty (the cloud providers read it then, and charts still
    /// write it): its public clients become its ranges as with the field.
    /// </summary>
    [Fact]
    public void Public_clients_of_a_LoadBalancer_with_the_source_ranges_annotation_become_its_ranges()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: site, namespace: web, labels: {app: site}}, spec: {containers: [{name: main, image: x, ports: [{containerPort: 8080}]}]}, status: {podIP: 10.244.0.10}}
            - apiVersion: v1
              kind: Service
              metadata: {name: site, namespace: web, annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.1.0/24, 198.51.100.0/28"}}
              spec: {type: LoadBalancer, clusterIP: 10.96.0.30, selector: {app: site}, ports: [{port: 80, targetPort: 8080}]}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, """
            time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
            2024-05-01T10:00:01Z,203.0.1.7,40001,10.244.0.10,8080,TCP,100,FORWARDED
            2024-05-01T10:00:02Z,198.51.100.9,40002,10.244.0.10,8080,TCP,100,FORWARDED

            """);

        var run = Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster, "-o", "json"));
        var ingress = Policy(Items(run), "palisade-site").GetProperty("spec").GetProperty("ingress").EnumerateArray().Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.GetRawText())!.ToJsonString()).ToArray();
        Assert.Equal(["""{"from":[{"ipBlock":{"cidr":"198.51.100.0/28"}},{"ipBlock":{"cidr":"203.0.1.0/24"}}],"ports":[{"port":8080,"protocol":"TCP"}]}"""], ingress);
        Assert.Contains("with the annotation service.beta.kubernetes.io/load-balancer-source-ranges 203.0.1.0/24, 198.51.100.0/28; its clients are those ranges", run.Error, StringComparison.Ordinal);
        Assert.Contains("proof holds", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A source range of a whole family (0.0.0.0/0, as many charts write) admits anyone: its clients are the internet.</summary>
    [Fact]
    public void A_LoadBalancer_whose_source_range_is_every_address_is_open_to_any_source()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: site, namespace: web, labels: {app: site}}, spec: {containers: [{name: main, image: x, ports: [{containerPort: 8080}]}]}, status: {podIP: 10.244.0.10}}
            - apiVersion: v1
              kind: Service
              metadata: {name: site, namespace: web}
              spec: {type: LoadBalancer, clusterIP: 10.96.0.30, selector: {app: site}, loadBalancerSourceRanges: [0.0.0.0/0], ports: [{port: 80, targetPort: 8080}]}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, """
            time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict
            2024-05-01T10:00:01Z,203.0.1.7,40001,10.244.0.10,8080,TCP,100,FORWARDED

            """);

        var run = Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster, "-o", "json"));
        var ingress = Policy(Items(run), "palisade-site").GetProperty("spec").GetProperty("ingress").EnumerateArray().Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.GetRawText())!.ToJsonString()).ToArray();
        Assert.Equal(["""{"ports":[{"port":8080,"protocol":"TCP"}]}"""], ingress);
    }

    /// <summary>
    /// kubectl reads YAML as go-yaml v2 does: a plain 0x1F, 0o17, 0b101 or 1_000 is a number, which a label value or a
    /// namespace cannot be ("cannot unmarshal number into ... of type string"), so such strings are quoted.
    /// </summary>
    [Fact]
    public void Strings_kubectl_would_read_as_numbers_are_quoted()
    {
        var cluster = _temp.File("cluster.yaml");
        File.WriteAllText(cluster, """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: "0b1"}}
            - {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: "0b1", labels: {app: "0x1F"}}, spec: {containers: [{name: main, image: x}]}, status: {podIP: 10.244.0.10}}
            - {apiVersion: v1, kind: Pod, metadata: {name: b, namespace: "0b1", labels: {app: "1_000", v: "0o17"}}, spec: {containers: [{name: main, image: x, ports: [{containerPort: 8080}]}]}, status: {podIP: 10.244.0.11}}
            - {apiVersion: v1, kind: Pod, metadata: {name: c, namespace: "0b1", labels: {app: "1_000", v: "1-2"}}, spec: {containers: [{name: main, image: x}]}, status: {podIP: 10.244.0.12}}
            """);
        var flows = _temp.File("flows.csv");
        File.WriteAllText(flows, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.244.0.10,40002,10.244.0.11,8080,TCP,100,FORWARDED\n");

        var lines = Lines(Succeeded(CliRun.Of("generate", "--flows", flows, "--cluster", cluster)));
        Assert.Contains("  namespace: \"0b1\"", lines);
        Assert.Contains("      app: \"0x1F\"", lines);
        Assert.Contains("          app: \"1_000\"", lines);
        Assert.Contains("          v: \"0o17\"", lines);
        Assert.DoesNotContain(lines, l => l.EndsWith(": 0b1", StringComparison.Ordinal) || l.EndsWith(": 0x1F", StringComparison.Ordinal) || l.EndsWith(": 1_000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_flow_file_is_bad_input()
    {
        var run = CliRun.Of("generate", "--flows", _temp.File("none.jsonl"), "--cluster", Shop, State);
        AssertBadInput(run, $"error: {_temp.File("none.jsonl")}: no such file");
    }

    [Fact]
    public void A_directory_given_as_flows_is_bad_input()
    {
        var run = CliRun.Of("generate", "--flows", _temp.Path, "--cluster", Shop, State);
        AssertBadInput(run, $"error: {_temp.Path}: is a directory; give the files");
    }

    [Fact]
    public void A_malformed_record_is_bad_input_at_its_line()
    {
        var path = _temp.File("bad.jsonl");
        File.WriteAllLines(path, [.. File.ReadLines(Traffic).Take(2), """{"flow": 12}"""]);
        var run = CliRun.Of("generate", "--flows", path, "--cluster", Shop, State);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {path}:3: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_truncated_record_is_bad_input_unless_lenient()
    {
        var path = _temp.File("cut.jsonl");
        File.WriteAllText(path, string.Join("\n", File.ReadLines(Traffic).Take(3)) + "\n" + File.ReadLines(Traffic).Skip(3).First()[..40]);
        var strict = CliRun.Of("generate", "--flows", path, "--cluster", Shop, State);
        Assert.Equal(2, strict.ExitCode);
        Assert.StartsWith($"error: {path}:4: ", strict.Error, StringComparison.Ordinal);
        var lenient = CliRun.Of("generate", "--flows", path, "--cluster", Shop, State, "--lenient");
        Assert.True(lenient.ExitCode == 0, lenient.Error);
        Assert.Contains($"{path}:4", lenient.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--include-flagged bogus", "error: --include-flagged: \"bogus\" is not a detector whose flows are left out")]
    [InlineData("--aggregate-at 0", "error: --aggregate-at: must be at least 1")]
    [InlineData("--egress-external maybe", "error: Argument 'maybe' not recognized")]
    [InlineData("-o xml", "error: Argument 'xml' not recognized")]
    public void Bad_options_are_bad_usage(string options, string error) =>
        AssertBadInput(Generate([], options.Split(' ')), error);

    [Fact]
    public void Flows_without_a_cluster_and_manifests_with_flows_are_bad_usage()
    {
        AssertBadInput(CliRun.Of("generate", "--flows", Traffic), "error: give --flows FILE... and --cluster PATH... (or --from-manifests PATH...)");
        AssertBadInput(CliRun.Of("generate", "--from-manifests", Shop, "--flows", Traffic),
            "error: --from-manifests reads the cluster from its own paths; it takes neither --flows nor --cluster");
    }

    private static void AssertBadInput(CliRun run, string error)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(error, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Output);
    }
}
