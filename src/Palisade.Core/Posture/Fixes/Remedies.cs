using System.Text;

namespace Palisade.Posture.Fixes;

/// <summary>The texts of fixes that are patches or commands rather than manifests, and the system-namespace warning.</summary>
public static class Remedies
{
    /// <summary>The documentation range a source-ranges patch puts in, for the user to replace with the client ranges.</summary>
    public const string PlaceholderRange = "203.0.113.0/24";

    /// <summary>" WARNING: ..." for a system namespace, else nothing.</summary>
    public static string SystemWarning(string ns) =>
        SystemNamespaces.Contains(ns)
            ? $" WARNING: {ns} runs the cluster's own components; the manifest keeps their declared ports, DNS and API access open, but review it before applying."
            : "";

    /// <summary>A JSON patch (as YAML) removing the subjects at the given indexes of a binding, with the command that applies it.</summary>
    public static string RemoveSubjects(string kind, string? ns, string name, IEnumerable<int> indexes)
    {
        var text = new StringBuilder("# kubectl patch ").Append(kind.ToLowerInvariant()).Append(' ').Append(name);
        if (ns is not null)
            text.Append(" -n ").Append(ns);
        text.Append(" --type=json --patch-file=PATCH.yaml\n");
        foreach (var index in indexes.OrderDescending())
            text.Append("- op: remove\n  path: /subjects/").Append(index).Append('\n');
        return text.ToString();
    }
}
