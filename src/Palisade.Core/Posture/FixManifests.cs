using System.Text;

namespace Palisade.Posture;

/// <summary>Ready-to-apply manifests that remediations offer; names come from the cluster, so they are valid YAML scalars.</summary>
public static class FixManifests
{
    /// <summary>A NetworkPolicy selecting every pod of the namespace and isolating it in the given directions, with no rules.</summary>
    public static string DefaultDeny(string ns, bool ingress, bool egress)
    {
        var name = ingress && egress ? "default-deny-all" : ingress ? "default-deny-ingress" : "default-deny-egress";
        var text = Header(name, ns).Append("spec:\n  podSelector: {}\n  policyTypes:\n");
        if (ingress)
            text.Append("  - Ingress\n");
        if (egress)
            text.Append("  - Egress\n");
        return text.ToString();
    }

    /// <summary>A NetworkPolicy letting every pod of the namespace resolve names through kube-dns.</summary>
    public static string AllowDns(string ns) =>
        Header("allow-dns", ns).Append("""
            spec:
              podSelector: {}
              policyTypes:
              - Egress
              egress:
              - to:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: kube-system
                  podSelector:
                    matchLabels:
                      k8s-app: kube-dns
                ports:
                - protocol: UDP
                  port: 53
                - protocol: TCP
                  port: 53

            """).ToString();

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

    private static StringBuilder Header(string name, string ns) =>
        new StringBuilder("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n")
            .Append("  name: ").Append(name).Append('\n')
            .Append("  namespace: ").Append(ns).Append('\n');
}
