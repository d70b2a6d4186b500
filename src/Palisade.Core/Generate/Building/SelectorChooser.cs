using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Generate.Building;

/// <summary>
/// Chooses the label selector for a workload's pods: their stable labels (the pod-template labels, without the
/// hashes and indexes controllers add per revision or per pod), starting from <c>app.kubernetes.io/name</c> or
/// <c>app</c>, adding labels only while another workload's pods in the namespace would still match, then
/// <c>DoesNotExist</c>/<c>NotIn</c> terms for pods whose labels are a superset. Pods with the very same stable
/// labels cannot be told apart; they are reported as sharing the selector. hostNetwork pods are ignored: pod
/// policies neither govern nor select them.
/// </summary>
public sealed class SelectorChooser
{
    private static readonly string[] Preferred = ["app.kubernetes.io/name", "app", "k8s-app", "app.kubernetes.io/instance", "app.kubernetes.io/component"];

    private readonly Dictionary<WorkloadRef, Pod[]> _pods;
    private readonly Dictionary<WorkloadRef, WorkloadSelector?> _chosen = [];

    /// <summary>Chooses among the pods of the snapshot.</summary>
    public SelectorChooser(NetworkSnapshot snapshot) =>
        _pods = snapshot.Pods.Where(p => !p.HostNetwork).GroupBy(p => p.Owner).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The workload's pods that policies govern (not hostNetwork); empty when it has none.</summary>
    public IReadOnlyList<Pod> PodsOf(WorkloadRef workload) => _pods.GetValueOrDefault(workload) ?? [];

    /// <summary>The selector for the workload; null when it has no pods policies govern.</summary>
    public WorkloadSelector? For(WorkloadRef workload)
    {
        if (!_chosen.TryGetValue(workload, out var chosen))
            _chosen[workload] = chosen = Choose(workload);
        return chosen;
    }

    /// <summary>A pod's labels without the unstable ones.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Stable(LabelSet labels) =>
        labels.Items.Where(l => !ControllerLabels.Unstable.Contains(l.Key));

    private WorkloadSelector? Choose(WorkloadRef workload)
    {
        if (!_pods.TryGetValue(workload, out var own))
            return null;
        var common = new Dictionary<string, string>(Stable(own[0].Labels), StringComparer.Ordinal);
        foreach (var pod in own.Skip(1))
        {
            foreach (var (key, value) in common.ToArray())
            {
                if (!pod.Labels.TryGetValue(key, out var other) || other != value)
                    common.Remove(key);
            }
        }
        var others = _pods.Where(p => p.Key != workload && p.Key.Namespace == workload.Namespace).SelectMany(p => p.Value).ToList();
        var keys = Preferred.Where(common.ContainsKey).Concat(common.Keys.Where(k => !Preferred.Contains(k)).Order(StringComparer.Ordinal)).ToArray();
        var chosen = new List<KeyValuePair<string, string>>();
        foreach (var key in keys)
        {
            var label = new KeyValuePair<string, string>(key, common[key]);
            if (chosen.Count > 0 && !others.Any(o => !Has(o, label)))
                continue;
            chosen.Add(label);
            others.RemoveAll(o => !Has(o, label));
            if (others.Count == 0)
                break;
        }
        var requirements = new List<SelectorRequirement>();
        var shared = new SortedSet<WorkloadRef>();
        foreach (var other in others.OrderBy(o => o.Owner).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            if (requirements.Any(r => !r.Matches(other.Labels)))
                continue;
            if (Exclusion(other, own) is { } requirement)
                requirements.Add(requirement);
            else
                shared.Add(other.Owner);
        }
        var selector = new LabelSelector([.. chosen.OrderBy(l => l.Key, StringComparer.Ordinal)], [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
        return new WorkloadSelector(selector.IsEmpty ? LabelSelector.Everything : selector, [.. shared]);
    }

    /// <summary>A term that <paramref name="other"/> fails and every pod of the workload passes; null when none exists.</summary>
    private static SelectorRequirement? Exclusion(Pod other, Pod[] own)
    {
        var candidates = Stable(other.Labels).OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        foreach (var (key, _) in candidates)
        {
            if (own.All(p => !p.Labels.ContainsKey(key)))
                return new SelectorRequirement(key, SelectorOperator.DoesNotExist, []);
        }
        foreach (var (key, value) in candidates)
        {
            if (own.All(p => !p.Labels.TryGetValue(key, out var v) || v != value))
                return new SelectorRequirement(key, SelectorOperator.NotIn, [value]);
        }
        return null;
    }

    private static bool Has(Pod pod, KeyValuePair<string, string> label) =>
        pod.Labels.TryGetValue(label.Key, out var value) && value == label.Value;
}
