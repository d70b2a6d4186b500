namespace Palisade.Audit.Events;

/// <summary>
/// What a GKE audit entry's <c>methodName</c> (<c>io.k8s.core.v1.pods.exec.create</c>: group reversed, version,
/// resource, subresource, verb) and <c>resourceName</c> (<c>core/v1/namespaces/NS/pods/NAME/exec</c>) say of the
/// request: its verb and the object reference an Event would have carried.
/// </summary>
internal static class GkeResource
{
    private const string KubernetesGroupSuffix = ".k8s.io";

    /// <summary>Whether the entry is a Kubernetes API request (and not, say, a GKE cluster operation).</summary>
    public static bool IsKubernetes(string? serviceName, string methodName) =>
        serviceName == "k8s.io" || methodName.StartsWith("io.k8s.", StringComparison.Ordinal);

    /// <summary>The verb and, for resource requests, the object reference.</summary>
    public static (string Verb, AuditObjectRef? ObjectRef) Parse(string methodName, string? resourceName)
    {
        var parts = methodName.Split('.');
        var verb = parts[^1];
        var version = VersionIndex(parts);
        if (version < 0 || version + 1 >= parts.Length - 1)
            return (verb, null);
        var resource = parts[version + 1];
        var target = new Target(GroupOf(parts.AsSpan(0, version)), parts[version])
        {
            Subresource = version + 2 < parts.Length - 1 ? parts[version + 2] : null,
        };
        if (resourceName is not null)
            ReadResourceName(resourceName, resource, ref target);
        return (verb, new AuditObjectRef(resource)
        {
            Subresource = target.Subresource,
            Namespace = target.Namespace,
            Name = target.Name,
            ApiGroup = target.Group,
            ApiVersion = target.Version,
        });
    }

    /// <summary>The segment holding the API version (v1, v1beta1, v2alpha1), after at least one group segment.</summary>
    private static int VersionIndex(string[] parts)
    {
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (IsVersion(parts[i]))
                return i;
        }
        return -1;
    }

    private static bool IsVersion(string segment)
    {
        if (segment.Length < 2 || segment[0] != 'v' || !char.IsAsciiDigit(segment[1]))
            return false;
        var rest = segment.AsSpan(1).TrimStart("0123456789");
        if (rest.IsEmpty)
            return true;
        var qualifier = rest.StartsWith("alpha") ? 5 : rest.StartsWith("beta") ? 4 : 0;
        return qualifier > 0 && rest.Length > qualifier && rest[qualifier..].TrimStart("0123456789").IsEmpty;
    }

    /// <summary>
    /// The API group from the method's reversed segments: io.k8s.networking is networking.k8s.io, but the
    /// groups that predate the k8s.io suffix (core, apps, batch, ...) keep their bare names.
    /// </summary>
    private static string GroupOf(ReadOnlySpan<string> reversed)
    {
        var segments = reversed.ToArray();
        Array.Reverse(segments);
        var group = string.Join('.', segments);
        if (!group.EndsWith(KubernetesGroupSuffix, StringComparison.Ordinal))
            return group;
        var bare = group[..^KubernetesGroupSuffix.Length];
        return bare switch
        {
            "core" => "",
            "apps" or "batch" or "autoscaling" or "policy" or "extensions" => bare,
            _ => group,
        };
    }

    /// <summary>Takes group, version, namespace, name and subresource from <c>GROUP/VERSION/[namespaces/NS/]RESOURCE/NAME[/SUB]</c>.</summary>
    private static void ReadResourceName(string resourceName, string resource, ref Target target)
    {
        var segments = resourceName.Split('/');
        var i = 0;
        if (segments.Length >= 2 && IsVersion(segments[1]))
        {
            target.Group = segments[0] == "core" ? "" : segments[0];
            target.Version = segments[1];
            i = 2;
        }
        if (resource != "namespaces" && segments.Length > i + 1 && segments[i] == "namespaces")
        {
            target.Namespace = segments[i + 1];
            i += 2;
        }
        if (segments.Length <= i || segments[i] != resource)
            return;
        if (segments.Length > i + 1 && segments[i + 1].Length > 0)
            target.Name = segments[i + 1];
        if (segments.Length > i + 2 && segments[i + 2].Length > 0)
            target.Subresource ??= segments[i + 2];
    }

    private record struct Target(string Group, string Version)
    {
        public string? Namespace { get; set; }
        public string? Name { get; set; }
        public string? Subresource { get; set; }
    }
}
