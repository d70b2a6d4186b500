using System.Text;
using Palisade.Benchmarks;
using Palisade.Benchmarks.Dense;
using Palisade.Testing;

namespace Palisade.Kubernetes.Tests.Manifests;

/// <summary>
/// The fast manifest readers give exactly what YamlDotNet's reader gives (objects, mapped cluster objects, field
/// marks, errors), on the shared corpus, the repository's own inputs, generated clusters and hand-written edge
/// cases; and they take the common inputs rather than handing them over.
/// </summary>
public sealed class FastReaderTests
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    [Fact]
    public void Corpus_and_repository_inputs_read_the_same()
    {
        var roots = new List<string> { RepoPaths.InRepo("examples"), RepoPaths.InRepo("tests") };
        if (RepoPaths.CorpusPresent)
            roots.Add(RepoPaths.CorpusRoot);
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .ToArray();
        var differences = new List<string>();
        var fast = 0;
        foreach (var file in files)
        {
            var (taken, found) = FastReaderAgreement.Compare(file, File.ReadAllBytes(file));
            fast += taken ? 1 : 0;
            differences.AddRange(found);
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
        Assert.True(fast * 10 >= files.Length * 8, $"the fast reader took {fast} of {files.Length} inputs");
    }

    public static TheoryData<string> GeneratedClusters() => ["dense yaml", "dense json", "dense yaml without policies", "sparse yaml"];

    [Theory]
    [MemberData(nameof(GeneratedClusters))]
    public void Generated_clusters_read_the_same_and_fast(string which)
    {
        var text = which switch
        {
            "dense yaml" => Write(DenseCluster.Generate(DenseSize.Named("2000/200")), json: false),
            "dense json" => Write(DenseCluster.Generate(DenseSize.Named("2000/200")), json: true),
            "dense yaml without policies" => Write(DenseCluster.WithoutPolicies(DenseCluster.Generate(DenseSize.Named("2000/200")), 4), json: false),
            _ => SyntheticCluster.ToYaml(SyntheticCluster.Generate(ClusterSize.Named("S"))),
        };
        var (fast, differences) = FastReaderAgreement.Compare(which, Encoding.UTF8.GetBytes(text), out var handedOver);
        Assert.True(fast, $"the fast reader handed the input over: {handedOver}");
        Assert.Empty(differences);
    }

    private static string Write(Palisade.Model.NetworkSnapshot cluster, bool json)
    {
        var writer = new StringWriter();
        if (json)
            ManifestText.WriteJson(ManifestObjects.Of(cluster), writer);
        else
            ManifestText.WriteYaml(ManifestObjects.Of(cluster), writer);
        return writer.ToString();
    }

    /// <summary>Inputs and whether the fast reader takes them (the others it hands over: errors, warnings, what it does not read exactly).</summary>
    public static TheoryData<string, bool> EdgeCases() => new()
    {
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  annotations:\n    note: |\n      line one\n        indented\n\n      last\n    keep: |+\n      x\n\n    strip: |-\n      y\nspec: {}\n", true },
        { "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: crlf\r\n  labels: {app: \"x\", 'tier': 'it''s'}\r\nspec:\r\n  containers:\r\n  - name: c\r\n    ports:\r\n    - {containerPort: 80, name: http}\r\n", true },
        { "\uFEFF# leading comment\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns # trailing\n  labels:\n    long: a folded\n      plain value\n\n      with a blank line\n...\n", true },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\n  annotations:\n    d: \"tab\\tnew\\nline \\u00e9 \\\"quoted\\\" end\"\n    f: \"folded\n      across lines\"\n    s: 'single\n\n      two'\nspec:\n  containers:\n  -   name: c\n      ports:\n      -   containerPort: 8080\n          protocol: UDP\n", true },
        { "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"j\", \"labels\": {\"a\": \"\\u00e9\"}}, \"spec\": {\"hostNetwork\": true}, \"status\": {\"podIP\": \"10.0.0.1\", \"hostIP\": \"10.1.0.1\"}}]}", true },
        { "apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: p1\n  spec:\n    containers:\n    - name: c\n- metadata: {name: p2, ownerReferences: [{kind: ReplicaSet, name: rs, controller: true}]}\n", true },
        { "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: x}\nspec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: In, values: [a, b]}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n    ports:\n    - port: 80\n      endPort: 90\n    - port: http\n  egress:\n  -\n    to:\n    - namespaceSelector: {}\n", true },
        { "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: x}\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/33}\n", true },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: warn\nspec:\n  containers:\n  - name: c\n    ports:\n    - name: http\n      containerport: 80\n", true },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n  selector: {app: a}\n  clusterIP: 10.96.0.1\n  ports:\n  - {port: 80, targetPort: http, nodePort: 30080}\n  - {port: 443, targetPort: 8443, protocol: TCP}\n", true },
        { "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: x}\nrules:\n- apiGroups: [\"\"]\n  resources: [pods]\n  verbs: [get, list]\n", true },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  creationTimestamp: \"2024-05-01T12:00:00Z\"\nspec:\n  containers:\n  - name: c\n    image: [not, a, string]\n", false },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dup\n  name: other\n", false },
        { "apiVersion: v1\nkind: Pod\nmetadata: {name: anchor}\nspec: &s {}\n", false },
        { "kind: Pod\nmetadata:\n  name: noversion\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 010\n", false },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n  a: b\n", true },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: dotted-keys\n  labels: {a: x, a.b: w, app.kubernetes.io/name: z}\n  annotations: {a.b.c: d, a.b: e, \"a\": f}\nspec: {}\n", true },
        { "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nulls\n  creationTimestamp: null\nspec:\n  replicas: ~\n  template:\n    spec:\n      hostNetwork:\n      containers:\n      - name: c\n        ports:\n        - containerPort: 1\n          hostPort: null\n", true },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  \"name\": 'quoted-keys'\n  labels: {\n    a: b, # comment\n    \"c\": \"d\",\n  }\nspec:\n  containers: [{name: x, ports: [{containerPort: 1}, {containerPort: 2,\n      name: two}]}]\nstatus:\n  podIPs:\n  - ip: 10.0.0.2\n  - ip: fd00::2\n", true },
        { "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj, namespace: ns, labels: {a: \"\u00e9t\u00e9 \u2713\"}}\nspec:\n  jobTemplate:\n    spec:\n      parallelism: 2\n      template:\n        metadata: {labels: {job: \"x: y\"}}\n        spec:\n          containers:\n          - name: c # \u00e9\n...\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: after-end}\n", true },
        { "- not an object\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n", false },
        { "apiVersion: v1\nkind: Pod\nmetadata:\n  name: seqs\n  finalizers:\n  - a\n  - - nested\n    - more\n", false },
        { "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: ns}\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: {app: d}\n      annotations: {sidecar.istio.io/inject: \"false\"}\n    spec:\n      initContainers:\n      - {name: proxy, restartPolicy: Always, ports: [{containerPort: 15001}]}\n      containers:\n      - name: istio-proxy\n", true },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_read_the_same(string yaml, bool fast)
    {
        var (taken, differences) = FastReaderAgreement.Compare("edge.yaml", Encoding.UTF8.GetBytes(yaml), out var handedOver);
        Assert.Empty(differences);
        Assert.True(taken == fast, taken ? "the fast reader took it" : $"the fast reader handed it over: {handedOver}");
    }
}
