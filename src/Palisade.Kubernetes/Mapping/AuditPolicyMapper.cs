using Palisade.Audit.Policy;
using Palisade.Kubernetes.Crds;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps an audit policy file into Core's, rejecting what the API server rejects when it loads the file.</summary>
internal static class AuditPolicyMapper
{
    /// <summary>
    /// The policy's name. Policy files usually have no metadata.name; the file name then names it, so that
    /// findings can point at it (and a policy from no file is <c>audit-policy</c>).
    /// </summary>
    public static string Name(AuditPolicyObject policy, FieldLocations locations) =>
        !string.IsNullOrEmpty(policy.Metadata?.Name) ? policy.Metadata.Name
        : locations.Object is { } location ? Path.GetFileName(location.File)
        : "audit-policy";

    /// <summary>Maps the policy.</summary>
    public static AuditPolicy Map(AuditPolicyObject policy, FieldLocations locations)
    {
        var name = Name(policy, locations);
        var label = $"Policy {name}";
        var rules = new AuditRule[policy.Rules?.Count ?? 0];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = policy.Rules![i];
            var field = $"rules[{i}]";
            InvalidInputException Invalid(string child, string problem) => new(locations.Of($"{field}.{child}"), label, $"{field}.{child}", problem);
            if (rule is null)
                throw new InvalidInputException(locations.Of(field), label, field, "empty rule");
            if (string.IsNullOrEmpty(rule.Level))
                throw Invalid("level", "required: None, Metadata, Request or RequestResponse");
            if (!Enum.TryParse<AuditLevel>(rule.Level, out var level) || !Enum.IsDefined(level) || rule.Level != level.ToString())
                throw Invalid("level", $"unsupported value \"{rule.Level}\": must be None, Metadata, Request or RequestResponse");
            var hasResources = rule.Resources is { Count: > 0 } || rule.Namespaces is { Count: > 0 };
            if (hasResources && rule.NonResourceUrls is { Count: > 0 })
                throw Invalid("nonResourceURLs", "rules cannot apply to both regular resources and non-resource URLs");
            foreach (var (url, j) in (rule.NonResourceUrls ?? []).Select((u, j) => (u, j)))
            {
                if (url != "*" && (!url.StartsWith('/') || url.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != url.Length - 1))
                    throw Invalid($"nonResourceURLs[{j}]", $"\"{url}\" must be \"*\" or start with \"/\", with \"*\" only at the end");
            }
            rules[i] = new AuditRule(i, level)
            {
                Users = Strings(rule.Users),
                UserGroups = Strings(rule.UserGroups),
                Verbs = Strings(rule.Verbs),
                Resources = (rule.Resources ?? []).Select((r, j) => Resources(r, $"{field}.resources[{j}]", label, locations)).ToArray(),
                Namespaces = Strings(rule.Namespaces),
                NonResourceUrls = Strings(rule.NonResourceUrls),
                OmitStages = Stages(rule.OmitStages, $"{field}.omitStages", label, locations),
            };
        }
        return new AuditPolicy(name, rules)
        {
            OmitStages = Stages(policy.OmitStages, "omitStages", label, locations),
            Location = locations.Object,
        };
    }

    private static AuditGroupResources Resources(AuditGroupResourcesObject? entry, string field, string label, FieldLocations locations)
    {
        if (entry is null)
            throw new InvalidInputException(locations.Of(field), label, field, "empty entry");
        var resources = Strings(entry.Resources);
        var names = Strings(entry.ResourceNames);
        var group = entry.Group ?? "";
        if (group.Contains('/', StringComparison.Ordinal) || group.Any(char.IsUpper))
            throw new InvalidInputException(locations.Of(field + ".group"), label, field + ".group",
                $"\"{group}\" is not an API group name (a lower-case DNS subdomain without version, such as networking.k8s.io)");
        if (resources.Length == 0 && names.Length > 0)
            throw new InvalidInputException(locations.Of(field + ".resourceNames"), label, field + ".resourceNames", "using resourceNames requires at least one resource");
        return new AuditGroupResources(group, resources) { ResourceNames = names };
    }

    private static AuditStage[] Stages(List<string>? stages, string field, string label, FieldLocations locations) =>
        (stages ?? []).Select((s, i) => Enum.TryParse<AuditStage>(s, out var stage) && Enum.IsDefined(stage) && s == stage.ToString()
            ? stage
            : throw new InvalidInputException(locations.Of($"{field}[{i}]"), label, $"{field}[{i}]",
                $"unsupported value \"{s}\": must be RequestReceived, ResponseStarted, ResponseComplete or Panic")).ToArray();

    private static string[] Strings(List<string>? values) => values?.ToArray() ?? [];
}
