using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Input;
using Palisade.Kubernetes.Manifests;
using Palisade.Kubernetes.Replay;
using Palisade.Model;
using static Palisade.Testing.AuditLines;

namespace Palisade.Kubernetes.Tests.Replay;

/// <summary>
/// Issue 12, Acceptance: "The opened lines of a change equal what palisade diff says between the states before and
/// after". Random NetworkPolicy edits (create, update, JSON patch, merge patch, delete) and namespace and pod relabels on a
/// small random cluster are written as an audit log and replayed as <c>palisade audit --cluster</c> does; the states
/// before and after each edit are kept here, independently of the replay, as manifests, and compared as
/// <c>palisade diff</c> compares them (<see cref="DiffUseCase"/>): each added pair's connections and each changed
/// pair's gained ones are what the change opened, in connectivity's line format; what was lost is what it closed.
/// </summary>
public sealed class OpenedAgreesWithDiffTests
{
    private sealed record Expected(string Id, EditKind Kind, string[] Opened, string[] Closed);

    [Property(MaxTest = 100, Arbitrary = [typeof(PolicyEditGenerators)])]
    public void The_opened_lines_of_each_change_are_what_diff_says_it_added(PolicyEditCase c)
    {
        var state = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var manifest in c.Manifests)
        {
            var body = JsonNode.Parse(manifest)!.AsObject();
            state[KeyOf(body)] = body;
        }
        var bodies = new List<KeyValuePair<ObjectKey, JsonNode>>();
        var initial = ManifestSource.Build(ManifestReader.ReadText("cluster.json", ListOf(state)), bodies: bodies).Cluster;

        var lines = new List<string>();
        var expected = new List<Expected>();
        for (var i = 0; i < c.Edits.Count; i++)
        {
            var before = Load(state);
            var (line, kind) = Apply(c.Edits[i], $"e{i}", $"03:00:{i:00}", state);
            lines.Add(line);
            var diff = DiffUseCase.Run(before, Load(state), ConnectivityOptions.Default).Diff;
            expected.Add(new Expected($"e{i}", kind, Gained(diff), Lost(diff)));
        }

        var start = new AuditStart(initial, ObjectStore.Of(bodies), true, new ReplayModel());
        var context = AuditRun.Context(start, new HashSet<string>(), showDenied: false);
        var (result, _) = AuditRun.Run(Read(lines), start, AuditRuleCatalog.Create(), context);
        var timeline = PolicyTimeline.Build(result, context);

        Assert.Equal(expected.Count, timeline.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (id, kind, opened, closed) = expected[i];
            var change = timeline[i].Change;
            Assert.NotNull(change);
            Assert.Equal(opened, change.Opened.Order(StringComparer.Ordinal));
            Assert.Equal(closed, change.Closed.Order(StringComparer.Ordinal));
            var alerts = result.Alerts.Where(a => a.AuditId == id).ToArray();
            if (kind is EditKind.Relabel or EditKind.RelabelPod)
            {
                // label-change-opened only when it opened something.
                Assert.Equal(opened.Length > 0 ? ["label-change-opened"] : [], alerts.Select(a => a.Rule));
                Assert.Equal(opened, alerts.SelectMany(a => a.Opened).Order(StringComparer.Ordinal));
            }
            else
            {
                var alert = Assert.Single(alerts);
                Assert.Equal("network-policy-tampering", alert.Rule);
                Assert.Equal(opened, alert.Opened.Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>What <c>diff</c> says a change added: all of an added pair, the gained connections of a changed one.</summary>
    private static string[] Gained(ConnectivityDiff diff) =>
    [
        .. diff.Changes.Where(d => d.Kind == DiffKind.Added).Select(d => $"{d.Source} => {d.Destination} : {d.After}")
            .Concat(diff.Changes.Where(d => d.Kind == DiffKind.Changed && !d.After.Except(d.Before).IsEmpty)
                .Select(d => $"{d.Source} => {d.Destination} : {d.After.Except(d.Before)}"))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>What <c>diff</c> says a change removed: all of a removed pair, the lost connections of a changed one.</summary>
    private static string[] Lost(ConnectivityDiff diff) =>
    [
        .. diff.Changes.Where(d => d.Kind == DiffKind.Removed).Select(d => $"{d.Source} => {d.Destination} : {d.Before}")
            .Concat(diff.Changes.Where(d => d.Kind == DiffKind.Changed && !d.Before.Except(d.After).IsEmpty)
                .Select(d => $"{d.Source} => {d.Destination} : {d.Before.Except(d.After)}"))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Writes the edit as an audit event and applies it to the state kept here.</summary>
    private static (string Line, EditKind Kind) Apply(PolicyEdit edit, string id, string at, SortedDictionary<string, JsonObject> state)
    {
        var policies = state.Keys.Where(k => k.StartsWith("NetworkPolicy ", StringComparison.Ordinal)).ToArray();
        var kind = policies.Length == 0 && edit.Kind is not (EditKind.Create or EditKind.Relabel or EditKind.RelabelPod) ? EditKind.Create : edit.Kind;
        var spec = JsonNode.Parse(edit.Spec)!;
        if (kind is EditKind.Relabel or EditKind.RelabelPod)
        {
            // A merge patch of the labels: the new ones set, the others removed.
            var objects = state.Keys.Where(k => k.StartsWith(kind == EditKind.Relabel ? "Namespace " : "Pod ", StringComparison.Ordinal)).ToArray();
            var target = objects[edit.Target % objects.Length];
            var labels = JsonNode.Parse(edit.Labels)!.AsObject();
            var patch = new JsonObject();
            foreach (var label in state[target]["metadata"]!["labels"]!.AsObject().Select(p => p.Key).ToArray())
                patch[label] = null;
            foreach (var (label, value) in labels)
                patch[label] = value!.DeepClone();
            state[target]["metadata"]!["labels"] = labels;
            var request = "{\"metadata\":{\"labels\":" + patch.ToJsonString() + "}}";
            var name = target[(target.LastIndexOf('/') + 1)..].Split(' ')[^1];
            return kind == EditKind.Relabel
                ? (Event("patch", "namespaces", name: name, request: request, level: "Request", id: id, at: at), kind)
                : (Event("patch", "pods", target[(target.IndexOf(' ') + 1)..target.IndexOf('/')], name, request: request, level: "Request", id: id, at: at), kind);
        }
        if (kind == EditKind.Create)
        {
            var ns = PolicyEditGenerators.Namespaces[edit.Target % PolicyEditGenerators.Namespaces.Length];
            var body = PolicyEditGenerators.Policy(ns, id, edit.Spec);
            state[$"NetworkPolicy {ns}/{id}"] = JsonNode.Parse(body)!.AsObject();
            return (Event("create", "networkpolicies", ns, request: body, response: edit.Response ? body : null, level: "RequestResponse", id: id, at: at), kind);
        }
        var key = policies[edit.Target % policies.Length];
        var (policyNs, policyName) = (key[(key.IndexOf(' ') + 1)..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
        var old = state[key];
        switch (kind)
        {
            case EditKind.Delete:
                state.Remove(key);
                return (Event("delete", "networkpolicies", policyNs, policyName, id: id, at: at), kind);
            case EditKind.Update:
            {
                var body = PolicyEditGenerators.Policy(policyNs, policyName, edit.Spec);
                state[key] = JsonNode.Parse(body)!.AsObject();
                return (Event("update", "networkpolicies", policyNs, policyName, request: body, response: edit.Response ? body : null, id: id, at: at), kind);
            }
            case EditKind.JsonPatch:
            {
                var changed = (JsonObject)old.DeepClone();
                changed["spec"] = spec.DeepClone();
                state[key] = changed;
                var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec", ["value"] = spec.DeepClone() });
                return (Event("patch", "networkpolicies", policyNs, policyName, request: patch.ToJsonString(), response: edit.Response ? changed.ToJsonString() : null, id: id, at: at), kind);
            }
            default:
            {
                // A merge (or strategic merge) patch of the ingress rules: the list is replaced, not merged.
                var rules = spec["ingress"]?.DeepClone() ?? new JsonArray();
                var changed = (JsonObject)old.DeepClone();
                changed["spec"]!["ingress"] = rules.DeepClone();
                state[key] = changed;
                var patch = new JsonObject { ["spec"] = new JsonObject { ["ingress"] = rules } };
                return (Event("patch", "networkpolicies", policyNs, policyName, request: patch.ToJsonString(), response: edit.Response ? changed.ToJsonString() : null, id: id, at: at), kind);
            }
        }
    }

    private static string KeyOf(JsonNode body) =>
        body["metadata"]!["namespace"] is { } ns
            ? $"{body["kind"]!.GetValue<string>()} {ns.GetValue<string>()}/{body["metadata"]!["name"]!.GetValue<string>()}"
            : $"{body["kind"]!.GetValue<string>()} {body["metadata"]!["name"]!.GetValue<string>()}";

    private static string ListOf(SortedDictionary<string, JsonObject> state) =>
        new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray([.. state.Values.Select(b => b.DeepClone())]) }.ToJsonString();

    /// <summary>The state as <c>palisade diff</c> reads a version: manifests.</summary>
    private static Cluster Load(SortedDictionary<string, JsonObject> state) => ManifestSource.LoadText("state.json", ListOf(state)).Cluster;

    private static List<AuditEvent> Read(List<string> lines)
    {
        using var source = InputSource.FromStream("audit.log", new MemoryStream(Encoding.UTF8.GetBytes(Log([.. lines]))));
        return [.. new AuditEventReader().Read(source, new ReadDiagnostics(strict: true))];
    }
}
