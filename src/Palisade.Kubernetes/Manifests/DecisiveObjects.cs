using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Objects Palisade does not read but that decide results: policies of other engines (Cilium, Calico, Antrea),
/// exposure it does not model (Gateway API routes it does not read: UDPRoute), and controllers whose pods it cannot see (operators' custom
/// resources, anything with a pod template). Each gets a warning, always shown, naming it and what it affects.
/// </summary>
internal static class DecisiveObjects
{
    private static readonly Dictionary<string, string> PolicyGroups = new(StringComparer.Ordinal)
    {
        ["cilium.io"] = "Cilium",
        ["crd.projectcalico.org"] = "Calico",
        ["projectcalico.org"] = "Calico",
        ["crd.antrea.io"] = "Antrea",
        ["security.antrea.io"] = "Antrea",
    };

    private static readonly HashSet<string> ExposureGroups = new(StringComparer.Ordinal) { "gateway.networking.k8s.io" };

    // Kinds of well-known operators whose pods are not modelled.
    private static readonly HashSet<string> PodCreators = new(StringComparer.Ordinal)
    {
        "monitoring.coreos.com/PrometheusAgent", "argoproj.io/Rollout", "serving.knative.dev/Service", "kafka.strimzi.io/Kafka",
        "elasticsearch.k8s.elastic.co/Elasticsearch", "kibana.k8s.elastic.co/Kibana", "acid.zalan.do/postgresql",
        "postgresql.cnpg.io/Cluster", "rabbitmq.com/RabbitmqCluster", "redis.redis.opstreelabs.in/Redis",
    };

    /// <summary>The warnings for the ignored objects that decide results.</summary>
    public static IEnumerable<string> Warnings(IEnumerable<IgnoredObject> ignored)
    {
        foreach (var o in ignored)
        {
            var group = Group(o.ApiVersion);
            var what = $"{o.Location}: {o.Kind} {o.Name ?? "(unnamed)"}{(o.ApiVersion is null ? "" : $" ({o.ApiVersion})")}";
            if (PolicyGroups.TryGetValue(group, out var engine) && o.Kind.Contains("Policy", StringComparison.Ordinal))
                yield return $"NOT EVALUATED: {what} is a {engine} policy, which Palisade does not evaluate yet: connections to and from the pods it selects are reported as if it did not exist, and findings about them may be wrong";
            else if (ExposureGroups.Contains(group) && o.Kind.EndsWith("Route", StringComparison.Ordinal))
                yield return $"{what} routes outside traffic through the Gateway API as a kind Palisade does not model (only HTTP, gRPC, TLS and TCP routes are): exposure through it is missing";
            else if (PodCreators.Contains($"{group}/{o.Kind}") || o.HasContainers)
                yield return $"{what} creates pods that Palisade does not model: their connections are missing, and policies meant for them may be reported as selecting no pod";
        }
    }

    /// <summary>Whether the object has a <c>containers</c> key at any depth (a pod template).</summary>
    public static bool HasContainers(IReadOnlyList<ParsingEvent> events, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            switch (events[i])
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case Scalar { Value: "containers" } when i + 1 < end && events[i + 1] is SequenceStart && depth > 1:
                    return true;
            }
        }
        return false;
    }

    private static string Group(string? apiVersion) =>
        apiVersion is null ? "" : apiVersion.LastIndexOf('/') is var slash and > 0 ? apiVersion[..slash] : "";
}
