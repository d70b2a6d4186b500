using Palisade.Labels;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Connectivity.Exposure;

/// <summary>
/// A pod that may not exist yet but that a rule's selectors would match: labels that satisfy the pod
/// selector, in a namespace whose labels satisfy the namespace selector. Printed as np-guard prints it:
/// <c>ns/[pod with {app=x}]</c>, <c>[namespace with {team=y}]/[all pods]</c>, <c>entire-cluster</c>.
/// </summary>
public sealed record Representative(string Name, string? ExistingNamespace, LabelSet NamespaceLabels, LabelSet PodLabels)
{
    /// <summary>
    /// What the representative selects, independent of how the selectors are written: equal keys mean
    /// equivalent selectors, and the first spelling met is the one reported.
    /// </summary>
    public string Key { get; private init; } = Name;

    /// <summary>Any pod in any namespace: matched only by rules open to the entire cluster.</summary>
    public static readonly Representative EntireCluster = new("entire-cluster", null, LabelSet.Empty, LabelSet.Empty);

    /// <summary>The representative of a NetworkPolicy selector peer, or null when no labels satisfy it.</summary>
    public static Representative? Of(SelectorPeer peer, string policyNamespace) =>
        Of(peer.NamespaceSelector, peer.PodSelector, policyNamespace);

    /// <summary>The representative of a cluster-scoped pod peer, or null when no labels satisfy it.</summary>
    public static Representative? Of(AdminSubject selection) => Of(selection.Namespaces, selection.Pods, null);

    private static Representative? Of(LabelSelector? namespaces, LabelSelector? pods, string? policyNamespace) =>
        Build(namespaces, pods, policyNamespace) is { } r ? r with { Key = $"{(namespaces is null ? policyNamespace : Canonical(namespaces))}/{Canonical(pods)}" } : null;

    private static string Canonical(LabelSelector? selector) => selector is null
        ? "*"
        : string.Join(",", selector.MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")
            .Concat(selector.MatchExpressions.Select(e => $"{e.Key} {e.Operator} {string.Join(" ", e.Values.Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal)));

    private static Representative? Build(LabelSelector? namespaces, LabelSelector? pods, string? policyNamespace)
    {
        var podLabels = Satisfying(pods);
        if (podLabels is null)
            return null;
        var podPart = pods is null || pods.IsEmpty ? "[all pods]" : $"[pod with {{{Text(pods)}}}]";
        if (namespaces is null)
            return new Representative($"{policyNamespace}/{podPart}", policyNamespace, LabelSet.Empty, podLabels);
        if (namespaces.MatchExpressions.Count == 0 && namespaces.MatchLabels.Count == 1 && namespaces.MatchLabels[0].Key == NamespaceInfo.NameLabel)
        {
            var name = namespaces.MatchLabels[0].Value;
            return new Representative($"{name}/{podPart}", name, LabelSet.Empty, podLabels);
        }
        var namespaceLabels = Satisfying(namespaces);
        if (namespaceLabels is null)
            return null;
        var nsPart = namespaces.IsEmpty ? "[all namespaces]" : $"[namespace with {{{Text(namespaces)}}}]";
        if (namespaces.IsEmpty && (pods is null || pods.IsEmpty))
            return EntireCluster;
        return new Representative($"{nsPart}/{podPart}", null, namespaceLabels, podLabels);
    }

    /// <summary>Labels that satisfy the selector (null selector: none needed), or null when none can.</summary>
    private static LabelSet? Satisfying(LabelSelector? selector)
    {
        if (selector is null)
            return LabelSet.Empty;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in selector.MatchLabels)
            labels[key] = value;
        foreach (var e in selector.MatchExpressions)
        {
            if (e.Operator == SelectorOperator.In && !labels.ContainsKey(e.Key))
                labels[e.Key] = e.Values[0];
            else if (e.Operator is SelectorOperator.Exists or SelectorOperator.NotIn && !labels.ContainsKey(e.Key))
                labels[e.Key] = "palisade-representative";
        }
        var set = LabelSet.From(labels);
        return selector.Matches(set) ? set : null;
    }

    /// <summary>np-guard's selector text: <c>k=v</c> pairs sorted by key, then Go-printed expressions.</summary>
    private static string Text(LabelSelector selector)
    {
        var parts = selector.MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}").ToList();
        parts.AddRange(selector.MatchExpressions
            .Select(e => $"{{Key:{e.Key},Operator:{e.Operator},Values:[{string.Join(" ", e.Values)}],}}")
            .Order(StringComparer.Ordinal));
        return string.Join(",", parts);
    }
}
