using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Palisade.Audit.Detection;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Kubernetes;
using Palisade.Kubernetes.Replay;

namespace Palisade.Benchmarks;

/// <summary>
/// <c>audit-opened SIZE N</c>: replays N patches of NetworkPolicies of a synthetic cluster and times what each
/// opened and closed (the incremental change evaluator, after the first change has built its model).
/// </summary>
public static class AuditChangeHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args is not ["audit-opened", var sizeName, var countText])
        {
            output.WriteLine("usage: audit-opened SIZE N");
            return 2;
        }
        var size = ClusterSize.Named(sizeName);
        var count = int.Parse(countText, CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"palisade-audit-opened-{size.Name}.yaml");
        var snapshot = SyntheticCluster.Generate(size);
        File.WriteAllText(file, SyntheticCluster.ToYaml(snapshot));
        var watch = Stopwatch.StartNew();
        var (_, bodies) = ManifestSource.LoadWithBodies([file]);
        File.Delete(file);
        output.WriteLine($"{size.Name}: {snapshot.Pods.Count:N0} pods, {snapshot.NetworkPolicies.Count:N0} policies; read in {watch.Elapsed.TotalSeconds:F1} s");
        var evaluator = new ChangeEvaluator(new ReplayModel());
        var replay = new AuditReplay(ObjectStore.Of(bodies), initialIsComplete: true);
        var times = new List<double>();
        var opened = 0;
        foreach (var e in Patches(snapshot, count))
        {
            var request = replay.Apply(e);
            watch.Restart();
            evaluator.Observe(request);
            var change = evaluator.Compare(request);
            times.Add(watch.Elapsed.TotalMilliseconds);
            opened += change.Opened.Count;
        }
        var steady = times.Skip(1).Order().ToArray();
        output.WriteLine($"first change (builds the model) {times[0]:F0} ms; then {steady.Length} changes: median {steady[steady.Length / 2]:F2} ms, mean {steady.Average():F2} ms, max {steady[^1]:F2} ms; {opened} opened lines");
        return 0;
    }

    /// <summary>Merge patches that point app policies' first ingress peer at another app of their namespace.</summary>
    private static IEnumerable<AuditEvent> Patches(Model.NetworkSnapshot snapshot, int count)
    {
        var random = new Random(5);
        var policies = snapshot.NetworkPolicies.Where(p => p.Name.StartsWith("allow-app", StringComparison.Ordinal)).ToArray();
        var time = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var policy = policies[random.Next(policies.Length)];
            var app = $"app-{random.Next(30)}";
            var patch = "{\"spec\":{\"ingress\":[{\"from\":[{\"podSelector\":{\"matchLabels\":{\"app\":\"" + app + "\"}}}],\"ports\":[{\"protocol\":\"TCP\",\"port\":8080}]}]}}";
            yield return new AuditEvent
            {
                AuditId = $"patch-{i}",
                Stage = "ResponseComplete",
                Verb = "patch",
                User = new AuditUser("mallory"),
                ObjectRef = new AuditObjectRef("networkpolicies") { Namespace = policy.Namespace, Name = policy.Name, ApiGroup = "networking.k8s.io", ApiVersion = "v1" },
                StatusCode = 200,
                RequestObject = JsonDocument.Parse(patch).RootElement.Clone(),
                RequestReceived = time.AddSeconds(i),
            };
        }
    }
}
