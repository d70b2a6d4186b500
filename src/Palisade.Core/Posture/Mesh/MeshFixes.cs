using System.Text;
using Palisade.Labels;

namespace Palisade.Posture.Mesh;

/// <summary>Ready-to-apply Istio manifests that the mesh checks' remediations offer.</summary>
public static class MeshFixes
{
    /// <summary>A STRICT PeerAuthentication: mesh-wide in the root namespace, namespace-wide elsewhere, or for the selected workloads.</summary>
    public static string StrictPeerAuthentication(string ns, string name, LabelSet? selector = null)
    {
        var text = new StringBuilder("apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n")
            .Append("  name: ").Append(name).Append('\n')
            .Append("  namespace: ").Append(ns).Append('\n')
            .Append("spec:\n");
        if (selector is { Count: > 0 })
        {
            text.Append("  selector:\n    matchLabels:\n");
            foreach (var (key, value) in selector.Items.OrderBy(l => l.Key, StringComparer.Ordinal))
                text.Append("      ").Append(key).Append(": \"").Append(value).Append("\"\n");
        }
        return text.Append("  mtls:\n    mode: STRICT\n").ToString();
    }

    /// <summary>The namespace labelled for sidecar injection (existing pods get their sidecar when restarted).</summary>
    public static string InjectionLabel(string ns) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n    istio-injection: enabled\n";
}
