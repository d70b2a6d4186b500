using System.Text;
using Palisade.Labels;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Posture.Fixes;

/// <summary>NetworkPolicies as the YAML manifests a fix offers; every key and value is quoted, so any name is valid YAML.</summary>
public static class PolicyYaml
{
    /// <summary>The policies as one multi-document manifest, after the comment lines.</summary>
    public static string Write(IEnumerable<string> comments, IEnumerable<NetworkPolicy> policies)
    {
        var text = new StringBuilder();
        // A line break inside a comment would start YAML content: each line of it is a comment line of its own.
        foreach (var comment in comments)
        {
            foreach (var line in comment.Split('\n'))
                text.Append("# ").Append(line.TrimEnd('\r')).Append('\n');
        }
        var first = true;
        foreach (var policy in policies)
        {
            if (!first)
                text.Append("---\n");
            first = false;
            Write(text, policy);
        }
        return text.ToString();
    }

    private static void Write(StringBuilder text, NetworkPolicy policy)
    {
        text.Append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n")
            .Append("  name: ").Append(Quote(policy.Name)).Append('\n')
            .Append("  namespace: ").Append(Quote(policy.Namespace)).Append('\n')
            .Append("spec:\n  podSelector:");
        Selector(text, policy.PodSelector, "      ");
        text.Append("  policyTypes:\n");
        foreach (var type in policy.PolicyTypes ?? [])
            text.Append("  - ").Append(type == PolicyDirection.Ingress ? "Ingress" : "Egress").Append('\n');
        Rules(text, "ingress", "from", policy.Ingress);
        Rules(text, "egress", "to", policy.Egress);
    }

    private static void Rules(StringBuilder text, string key, string peers, IReadOnlyList<PolicyRule> rules)
    {
        if (rules.Count == 0)
            return;
        text.Append("  ").Append(key).Append(":\n");
        foreach (var rule in rules)
        {
            var lead = "  - ";
            if (rule.Peers.Count > 0)
            {
                text.Append(lead).Append(peers).Append(":\n");
                lead = "    ";
                foreach (var peer in rule.Peers)
                    Peer(text, peer);
            }
            if (rule.Ports.Count > 0)
            {
                text.Append(lead).Append("ports:\n");
                lead = "    ";
                foreach (var port in rule.Ports)
                {
                    text.Append("    - protocol: ").Append(port.Protocol.Name()).Append('\n');
                    if (port.Name is { } name)
                        text.Append("      port: ").Append(Quote(name)).Append('\n');
                    else if (port.Number is { } number)
                        text.Append("      port: ").Append(number).Append('\n');
                }
            }
            if (lead == "  - ")
                text.Append("  - {}\n");
        }
    }

    private static void Peer(StringBuilder text, PolicyPeer peer)
    {
        switch (peer)
        {
            case SelectorPeer selector:
                var lead = "    - ";
                if (selector.NamespaceSelector is { } ns)
                {
                    text.Append(lead).Append("namespaceSelector:");
                    Selector(text, ns, "          ");
                    lead = "      ";
                }
                if (selector.PodSelector is { } pods)
                {
                    text.Append(lead).Append("podSelector:");
                    Selector(text, pods, "          ");
                }
                break;
            case IpBlockPeer block:
                text.Append("    - ipBlock:\n        cidr: ").Append(Quote(block.Cidr)).Append('\n');
                if (block.Except.Count > 0)
                    text.Append("        except: [").Append(string.Join(", ", block.Except.Select(Quote))).Append("]\n");
                break;
        }
    }

    private static void Selector(StringBuilder text, LabelSelector selector, string indent)
    {
        if (selector.IsEmpty)
        {
            text.Append(" {}\n");
            return;
        }
        text.Append('\n').Append(indent[2..]).Append("matchLabels:\n");
        foreach (var (key, value) in selector.MatchLabels)
            text.Append(indent).Append(Quote(key)).Append(": ").Append(Quote(value)).Append('\n');
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
