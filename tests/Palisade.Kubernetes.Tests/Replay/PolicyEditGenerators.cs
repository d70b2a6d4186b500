using FsCheck;
using FsCheck.Fluent;

namespace Palisade.Kubernetes.Tests.Replay;

/// <summary>What an edit of the log does.</summary>
public enum EditKind { Create, Update, JsonPatch, MergePatch, Delete, Relabel, RelabelPod }

/// <summary>
/// One edit, resolved against the state when replayed: <see cref="Target"/> picks an existing policy (or a namespace
/// or a pod for a relabel), <see cref="Spec"/> is the new spec, <see cref="Labels"/> the new labels,
/// <see cref="Response"/> whether the server's answer was recorded.
/// </summary>
public sealed record PolicyEdit(EditKind Kind, int Target, string Spec, string Labels, bool Response);

/// <summary>A small cluster (namespaces, pods, policies as JSON manifests) and a sequence of edits to its network controls.</summary>
public sealed record PolicyEditCase(IReadOnlyList<string> Manifests, IReadOnlyList<PolicyEdit> Edits)
{
    public override string ToString() =>
        string.Join("\n", Manifests) + "\n--- edits\n" + string.Join("\n", Edits.Select(e => $"{e.Kind} #{e.Target} labels={e.Labels} response={e.Response} spec={e.Spec}"));
}

/// <summary>
/// FsCheck generators of small clusters as manifests and of NetworkPolicy edits, from small pools of labels, ports
/// and CIDRs so that selectors often match, named ports resolve and ipBlocks hold pod addresses.
/// </summary>
public static class PolicyEditGenerators
{
    internal static readonly string[] Namespaces = ["ns0", "ns1"];

    /// <summary>The arbitrary FsCheck uses for <see cref="PolicyEditCase"/>.</summary>
    public static Arbitrary<PolicyEditCase> Cases() => Arb.From(Case);

    private static Gen<T[]> Between<T>(Gen<T> gen, int min, int max) => Gen.Choose(min, max).SelectMany(n => gen.ArrayOf(n));

    private static string Object(IEnumerable<string> members) => "{" + string.Join(",", members) + "}";

    private static string Array(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    private static Gen<string> Labels(string[] keys, string[] values) =>
        from pairs in Between(from k in Gen.Elements(keys) from v in Gen.Elements(values) select (k, v), 0, 2)
        select Object(pairs.DistinctBy(p => p.k).Select(p => $"\"{p.k}\":\"{p.v}\""));

    private static Gen<string> Selector(string[] keys) => Gen.Frequency(
        (2, Gen.Constant("{}")),
        (4, Labels(keys, ["a", "b"]).Select(l => $"{{\"matchLabels\":{l}}}")),
        (2, from key in Gen.Elements(keys)
            from op in Gen.Elements("In", "NotIn", "Exists", "DoesNotExist")
            from value in Gen.Elements("a", "b")
            select $"{{\"matchExpressions\":[{{\"key\":\"{key}\",\"operator\":\"{op}\"{(op is "In" or "NotIn" ? $",\"values\":[\"{value}\"]" : "")}}}]}}"));

    private static readonly string[] PodKeys = ["app", "role"];
    private static readonly string[] NamespaceKeys = ["team"];

    private static Gen<string> Peer => Gen.Frequency(
        (3, Selector(PodKeys).Select(s => $"{{\"podSelector\":{s}}}")),
        (2, Selector(NamespaceKeys).Select(s => $"{{\"namespaceSelector\":{s}}}")),
        (2, from p in Selector(PodKeys) from n in Selector(NamespaceKeys) select $"{{\"podSelector\":{p},\"namespaceSelector\":{n}}}"),
        (2, Gen.Elements(
            """{"ipBlock":{"cidr":"10.0.0.0/24"}}""",
            """{"ipBlock":{"cidr":"10.0.0.0/24","except":["10.0.0.2/32"]}}""",
            """{"ipBlock":{"cidr":"0.0.0.0/0","except":["10.0.0.0/8"]}}""",
            """{"ipBlock":{"cidr":"192.168.0.0/16"}}""")));

    private static Gen<string> Port => Gen.Elements(
        """{"port":80}""", """{"port":5432}""", """{"port":"pg"}""", """{"port":"web","protocol":"TCP"}""", """{"port":53,"protocol":"UDP"}""",
        """{"protocol":"UDP"}""", """{"port":8000,"endPort":8100}""", """{"protocol":"SCTP"}""");

    private static Gen<string> Rule(string peers) =>
        from peerList in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (3, Between(Peer, 0, 2).Select(p => (string[]?)p)))
        from ports in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (3, Between(Port, 0, 2).Select(p => (string[]?)p)))
        select Object(new[] { peerList is null ? null : $"\"{peers}\":{Array(peerList)}", ports is null ? null : $"\"ports\":{Array(ports)}" }.OfType<string>());

    /// <summary>A random NetworkPolicy spec.</summary>
    internal static Gen<string> Spec =>
        from selector in Selector(PodKeys)
        from types in Gen.Elements<string?>(null, "[\"Ingress\"]", "[\"Egress\"]", "[\"Ingress\",\"Egress\"]")
        from ingress in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (3, Between(Rule("from"), 0, 2).Select(r => (string[]?)r)))
        from egress in Gen.Frequency((1, Gen.Constant<string[]?>(null)), (2, Between(Rule("to"), 0, 2).Select(r => (string[]?)r)))
        select Object(new[]
        {
            $"\"podSelector\":{selector}",
            types is null ? null : $"\"policyTypes\":{types}",
            ingress is null ? null : $"\"ingress\":{Array(ingress)}",
            egress is null ? null : $"\"egress\":{Array(egress)}",
        }.OfType<string>());

    private static Gen<string> Pod(int index) =>
        from ns in Gen.Elements(Namespaces)
        from labels in Labels(PodKeys, ["a", "b"])
        from ports in Gen.SubListOf("""{"name":"pg","containerPort":5432}""", """{"name":"web","containerPort":8080}""", """{"containerPort":53,"protocol":"UDP"}""")
        from hasIp in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        select $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod{{{index}}}","namespace":"{{{ns}}}","labels":{{{labels}}}},"spec":{"containers":[{"name":"c","image":"x","ports":"""
            + Array(ports) + "}]}"
            + (hasIp ? $$""","status":{"podIP":"10.0.0.{{index + 1}}","podIPs":[{"ip":"10.0.0.{{index + 1}}"}]}""" : "") + "}";

    /// <summary>A NetworkPolicy manifest.</summary>
    internal static string Policy(string ns, string name, string spec) =>
        $$$"""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{{{spec}}}}""";

    /// <summary>A Namespace manifest.</summary>
    internal static string Namespace(string name, string labels) =>
        $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}","labels":{{{labels}}}}}""";

    private static Gen<PolicyEdit> Edit =>
        from kind in Gen.Frequency(
            (3, Gen.Constant(EditKind.Create)), (2, Gen.Constant(EditKind.Update)), (2, Gen.Constant(EditKind.JsonPatch)),
            (2, Gen.Constant(EditKind.MergePatch)), (2, Gen.Constant(EditKind.Delete)), (1, Gen.Constant(EditKind.Relabel)),
            (1, Gen.Constant(EditKind.RelabelPod)))
        from target in Gen.Choose(0, 100)
        from spec in Spec
        from labels in kind == EditKind.RelabelPod ? Labels(PodKeys, ["a", "b"]) : Labels(NamespaceKeys, ["a", "b"])
        from response in Gen.Elements(true, false)
        select new PolicyEdit(kind, target, spec, labels, response);

    private static Gen<PolicyEditCase> Case =>
        from namespaceLabels in Labels(NamespaceKeys, ["a", "b"]).ArrayOf(Namespaces.Length)
        from podCount in Gen.Choose(1, 4)
        from pods in Gen.CollectToArray(Enumerable.Range(0, podCount).Select(Pod))
        from policyCount in Gen.Choose(0, 2)
        from policies in Gen.CollectToArray(Enumerable.Range(0, policyCount).Select(i =>
            from ns in Gen.Elements(Namespaces) from spec in Spec select Policy(ns, $"init{i}", spec)))
        from editCount in Gen.Choose(1, 5)
        from edits in Edit.ArrayOf(editCount)
        select new PolicyEditCase([.. Namespaces.Select((n, i) => Namespace(n, namespaceLabels[i])), .. pods, .. policies], edits);
}
