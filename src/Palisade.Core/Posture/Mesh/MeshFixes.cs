using Palisade.Model.Changes;
using Palisade.Model.Mesh;
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

    /// <summary>What applying <see cref="StrictPeerAuthentication"/> does.</summary>
    public static ClusterEdit Strict(string ns, string name, LabelSet? selector = null) =>
        new AddPeerAuthentication(new PeerAuthentication(ns, name, selector is { Count: > 0 } ? selector : null, MtlsMode.Strict));

    /// <summary>The command labelling the namespace for sidecar injection (existing pods get their sidecar when restarted); a command, so other labels stay.</summary>
    public static string InjectionLabel(string ns) =>
        $"kubectl label namespace {ns} istio-injection=enabled\n";
}
