using System.Globalization;
using System.Net;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps a client Service into Core's.</summary>
internal static class ServiceMapper
{
    /// <summary>The Service types of the API; it rejects any other (case included).</summary>
    private static readonly string[] Types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

    public static ServiceInfo Map(V1Service service, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(service.Metadata);
        var name = ObjectNames.Require(service.Metadata, "Service", locations);
        var spec = service.Spec ?? new V1ServiceSpec();
        var ports = new List<ServicePort>();
        foreach (var (port, i) in (spec.Ports ?? []).Select((p, i) => (p, i)))
        {
            var field = $"spec.ports[{i}]";
            if (!Protocols.TryParse(port.Protocol, out var protocol))
                throw new InvalidInputException(locations.Of(field + ".protocol"), $"Service {ns}/{name}", field + ".protocol", $"unsupported protocol \"{port.Protocol}\"");
            if (port.Port is < PortSet.MinPort or > PortSet.MaxPort)
                throw new InvalidInputException(locations.Of(field + ".port"), $"Service {ns}/{name}", field + ".port", $"port {port.Port} is outside 1-65535");
            var target = port.TargetPort?.Value;
            int? targetNumber = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (targetNumber is < PortSet.MinPort or > PortSet.MaxPort)
                throw new InvalidInputException(locations.Of(field + ".targetPort"), $"Service {ns}/{name}", field + ".targetPort", $"port {targetNumber} is outside 1-65535");
            var targetName = targetNumber is null && !string.IsNullOrEmpty(target) ? target : null;
            ports.Add(new ServicePort(port.Name, port.Port, protocol, targetNumber ?? (targetName is null ? port.Port : null), targetName, port.NodePort));
        }
        if (!string.IsNullOrEmpty(spec.Type) && !Types.Contains(spec.Type))
            throw new InvalidInputException(locations.Of("spec.type"), $"Service {ns}/{name}", "spec.type", $"unsupported type \"{spec.Type}\" ({string.Join(", ", Types)})");
        RequireSourceRanges(service, locations, $"Service {ns}/{name}");
        for (var i = 0; i < (spec.ExternalIPs?.Count ?? 0); i++)
        {
            if (!IpRange.TryParseAddress(spec.ExternalIPs![i], out _))
                throw new InvalidInputException(locations.Of($"spec.externalIPs[{i}]"), $"Service {ns}/{name}", $"spec.externalIPs[{i}]",
                    $"\"{spec.ExternalIPs[i]}\" is not an IP address; the API server refuses it");
        }
        return new ServiceInfo(ns, name, string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type,
            spec.Selector is null ? null : LabelSet.From(spec.Selector))
        {
            Ports = ports,
            ExternalIps = spec.ExternalIPs?.ToArray() ?? [],
            LoadBalancerSourceRanges = spec.LoadBalancerSourceRanges?.ToArray() ?? [],
            AllocatesNodePorts = spec.AllocateLoadBalancerNodePorts != false,
            ClusterIps = ClusterIps(spec),
            LoadBalancerIps = [.. (service.Status?.LoadBalancer?.Ingress ?? []).Select(i => IPAddress.TryParse(i.Ip, out var address) ? address : null).OfType<IPAddress>()],
            Location = locations.Object,
        };
    }

    /// <summary>
    /// Refuses a client range that is not a CIDR, in spec.loadBalancerSourceRanges or, when that is empty, the
    /// annotation the API server reads instead: it refuses both, and a range read as written would restrict nothing.
    /// </summary>
    private static void RequireSourceRanges(V1Service service, FieldLocations locations, string objectName)
    {
        var ranges = service.Spec?.LoadBalancerSourceRanges ?? [];
        for (var i = 0; i < ranges.Count; i++)
            RequireCidr(ranges[i], $"spec.loadBalancerSourceRanges[{i}]", locations, objectName);
        if (ranges.Count > 0 || service.Metadata?.Annotations?.TryGetValue(LoadBalancerClients.Annotation, out var annotation) != true)
            return;
        foreach (var range in annotation!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            RequireCidr(range, "metadata.annotations." + LoadBalancerClients.Annotation, locations, objectName);
    }

    private static void RequireCidr(string range, string field, FieldLocations locations, string objectName)
    {
        if (!IpRange.TryParseCidr(range.Trim(), out _))
            throw new InvalidInputException(locations.Of(field), objectName, field, $"\"{range}\" is not a CIDR (such as 203.0.113.0/24); the API server refuses it");
    }

    /// <summary>spec.clusterIPs, else spec.clusterIP; <c>None</c> (headless) and unparsable values give none.</summary>
    private static IPAddress[] ClusterIps(V1ServiceSpec spec)
    {
        var texts = spec.ClusterIPs is { Count: > 0 } list ? list : spec.ClusterIP is { } one ? [one] : [];
        return [.. texts.Select(t => IPAddress.TryParse(t, out var address) ? address : null).OfType<IPAddress>()];
    }
}
