using Palisade.Model;

namespace Palisade.Core.Tests.Architecture;

/// <summary>
/// Core's namespaces form layers: no module refers, directly or through others, back to itself. A module is a
/// top-level namespace (<c>Palisade.Net</c>, <c>Palisade.Connectivity</c> with its sub-namespaces, ...); where
/// the top-level namespace holds no types of its own (<c>Palisade.Audit</c>), each child is a module.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = "Palisade";

    private static readonly Type[] CoreTypes = typeof(Cluster).Assembly.GetTypes()
        .Where(t => t.Namespace is { } ns && (ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal)))
        .ToArray();

    private static readonly HashSet<string> NamespacesWithTypes = CoreTypes.Select(t => t.Namespace!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Module → the modules its types refer to.</summary>
    private static readonly Dictionary<string, HashSet<string>> Dependencies = Build();

    [Fact]
    public void No_module_depends_on_itself_through_others()
    {
        var cycles = StronglyConnected(Dependencies).Where(c => c.Count > 1).Select(c => string.Join(" <-> ", c.Order(StringComparer.Ordinal))).ToArray();
        Assert.True(cycles.Length == 0, "namespace cycles in Palisade.Core: " + string.Join("; ", cycles));
    }

    [Fact]
    public void Net_is_at_the_bottom() =>
        Assert.Empty(Dependencies[$"{Root}.Net"]);

    [Fact]
    public void The_layers_found_are_the_expected_modules() =>
        Assert.Subset(Dependencies.Keys.ToHashSet(), new HashSet<string> { $"{Root}.Net", $"{Root}.Model", $"{Root}.Policy", $"{Root}.Connectivity", $"{Root}.Findings", $"{Root}.Audit.Policy", $"{Root}.Reporting" });

    [Fact]
    public void A_cycle_is_found_when_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.Equal(["a", "b", "c"], StronglyConnected(graph).Single(c => c.Count > 1).Order(StringComparer.Ordinal));
    }

    private static string Module(string ns)
    {
        if (ns == Root)
            return Root;
        var parts = ns.Split('.');
        var top = $"{Root}.{parts[1]}";
        return NamespacesWithTypes.Contains(top) || parts.Length < 3 ? top : $"{top}.{parts[2]}";
    }

    private static Dictionary<string, HashSet<string>> Build()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in CoreTypes)
        {
            var from = Module(type.Namespace!);
            if (!graph.TryGetValue(from, out var edges))
                graph[from] = edges = new HashSet<string>(StringComparer.Ordinal);
            foreach (var referenced in TypeReferences.Of(type))
            {
                if (referenced.Assembly == type.Assembly && referenced.Namespace is { } ns && NamespacesWithTypes.Contains(ns) && Module(ns) != from)
                    edges.Add(Module(ns));
            }
        }
        return graph;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                    low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v])
                return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            }
            while (popped != v);
            components.Add(component);
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
                Visit(v);
        }
        return components;
    }
}
