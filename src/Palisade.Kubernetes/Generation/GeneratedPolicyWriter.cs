using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Palisade.Generate;
using Palisade.Policy;

namespace Palisade.Kubernetes.Generation;

/// <summary>
/// Writes generated policies as manifests: YAML (the client's serializer, one document per policy, with the policy's
/// comments above it and each rule's above the rule) or JSON (a <c>List</c>, without comments). Same input, same bytes.
/// </summary>
public static class GeneratedPolicyWriter
{
    /// <summary>The policies as a YAML stream, after a block of <paramref name="header"/> comment lines.</summary>
    public static string Write(IReadOnlyList<GeneratedPolicy> policies, IReadOnlyList<string> header)
    {
        var text = new StringBuilder();
        foreach (var line in header)
            text.Append(Comment("", line));
        foreach (var policy in policies)
            text.Append("---\n").Append(Document(policy));
        return text.ToString();
    }

    /// <summary>One policy as a YAML document with its comments.</summary>
    public static string Document(GeneratedPolicy policy)
    {
        var lines = KubernetesYaml.Serialize(PolicyModel.Of(policy)).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(PlainScalarQuoting.Line);
        var text = new StringBuilder();
        foreach (var comment in policy.Comments)
            text.Append(Comment("", comment));
        var section = (PolicyDirection?)null;
        var item = -1;
        foreach (var line in lines)
        {
            if (line is "  ingress:" or "  egress:")
            {
                section = line == "  ingress:" ? PolicyDirection.Ingress : PolicyDirection.Egress;
                item = -1;
            }
            else if (line.StartsWith("  - ", StringComparison.Ordinal) && section is { } direction)
            {
                item++;
                var rule = policy.Rules(direction)[item];
                foreach (var comment in rule.Widenings.Concat(rule.Comments))
                    text.Append(Comment("  ", comment));
            }
            else if (!line.StartsWith("  - ", StringComparison.Ordinal) && !line.StartsWith("    ", StringComparison.Ordinal))
            {
                section = null;
            }
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The policies as a JSON <c>List</c>.</summary>
    public static string Json(IReadOnlyList<GeneratedPolicy> policies)
    {
        var items = new JsonArray([.. policies.Select(p => JsonNode.Parse(KubernetesJson.Serialize(PolicyModel.Of(p))))]);
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };
        return list.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>A comment line; line breaks in the text become spaces, so a comment never spills into the manifest.</summary>
    private static string Comment(string indent, string text) =>
        $"{indent}# {text.ReplaceLineEndings(" ")}\n";
}
