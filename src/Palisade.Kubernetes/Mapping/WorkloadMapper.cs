using System.Net;
using Palisade.Kubernetes.Manifests;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Turns Pods and workload templates into Core pods, each attributed to its top owner: ownerReferences
/// (the controller reference) are followed through the workload objects present in the input.
/// </summary>
internal sealed class WorkloadMapper
{
    private const int MaxOwnerDepth = 16;
    private readonly Dictionary<(string Namespace, string Kind, string Name), V1OwnerReference?> _controllers = [];
    private readonly List<string> _warnings = [];

    /// <summary>Problems that do not stop the analysis, such as a container port without a number.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Indexes the controller references of the workload objects present.</summary>
    public WorkloadMapper(IEnumerable<ManifestObject> objects)
    {
        foreach (var o in objects)
        {
            if (o.Model is IKubernetesObject<V1ObjectMeta> { Metadata: { } metadata } && o.Kind is not ("Pod" or "Namespace" or "Service" or "NetworkPolicy"))
                _controllers[(ObjectNames.Namespace(metadata), o.Kind, metadata.Name ?? "")] = Controller(metadata);
        }
    }

    /// <summary>A real Pod object.</summary>
    public Pod FromPod(V1Pod pod, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(pod.Metadata);
        var name = ObjectNames.Require(pod.Metadata, "Pod", locations);
        var controller = Controller(pod.Metadata);
        var owner = controller is null || controller.Kind == "Node"
            ? new WorkloadRef(ns, name, "Pod")
            : TopOwner(ns, string.IsNullOrEmpty(controller.Kind) ? "Pod" : controller.Kind, controller.Name ?? name);
        var objectName = $"Pod {ns}/{name}";
        return new Pod(ns, name, LabelSet.From(pod.Metadata?.Labels), owner)
        {
            Ports = Ports(pod.Spec, "spec", objectName, locations),
            Addresses = Addresses(pod.Status, pod.Spec?.HostNetwork == true, objectName, locations),
            HostNetwork = pod.Spec?.HostNetwork == true,
            Location = locations.Object,
        };
    }

    /// <summary>The representative pod of a workload template.</summary>
    public Pod FromTemplate(string kind, V1ObjectMeta? metadata, V1PodTemplateSpec? template, int replicas, string templatePath, FieldLocations locations)
    {
        var ns = ObjectNames.Namespace(metadata);
        var name = ObjectNames.Require(metadata, kind, locations);
        return new Pod(ns, name, LabelSet.From(template?.Metadata?.Labels), TopOwner(ns, kind, name))
        {
            Ports = Ports(template?.Spec, templatePath + ".spec", $"{kind} {ns}/{name}", locations),
            HostNetwork = template?.Spec?.HostNetwork == true,
            Replicas = Math.Max(replicas, 0),
            FromTemplate = true,
            Location = locations.Object,
        };
    }

    private WorkloadRef TopOwner(string ns, string kind, string name)
    {
        for (var depth = 0; depth < MaxOwnerDepth; depth++)
        {
            if (!_controllers.TryGetValue((ns, kind, name), out var up) || up is null || string.IsNullOrEmpty(up.Kind) || up.Kind == "Node")
                break;
            (kind, name) = (up.Kind, up.Name ?? name);
        }
        return new WorkloadRef(ns, name, kind);
    }

    private static V1OwnerReference? Controller(V1ObjectMeta? metadata) =>
        metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    private IReadOnlyList<ContainerPort> Ports(V1PodSpec? spec, string path, string objectName, FieldLocations locations)
    {
        if (spec is null)
            return [];
        var result = new List<ContainerPort>();
        var sidecars = (spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always");
        foreach (var (container, containerPath) in (spec.Containers ?? []).Select((c, i) => (c, $"{path}.containers[{i}]"))
                     .Concat(sidecars.Select((c, i) => (c, $"{path}.initContainers[{i}]"))))
        {
            var index = 0;
            foreach (var port in container.Ports ?? [])
            {
                var field = $"{containerPath}.ports[{index++}]";
                if (port.ContainerPort == 0)
                {
                    _warnings.Add($"{locations.Of(field)}: {objectName}: {field}.containerPort: missing; the port is ignored");
                    continue;
                }
                if (port.ContainerPort is < 1 or > 65535)
                    throw new InvalidInputException(locations.Of(field + ".containerPort"), objectName, field + ".containerPort", $"port {port.ContainerPort} is outside 1-65535");
                if (!Protocols.TryParse(port.Protocol, out var protocol))
                    throw new InvalidInputException(locations.Of(field + ".protocol"), objectName, field + ".protocol", $"unsupported protocol \"{port.Protocol}\" (want TCP, UDP or SCTP)");
                result.Add(new ContainerPort(string.IsNullOrEmpty(port.Name) ? null : port.Name, port.ContainerPort, protocol) { HostPort = port.HostPort is > 0 ? port.HostPort : null });
            }
        }
        return result;
    }

    private static IReadOnlyList<IPAddress> Addresses(V1PodStatus? status, bool hostNetwork, string objectName, FieldLocations locations)
    {
        if (status is null)
            return [];
        var texts = new List<(string Text, string Field)>();
        if (status.PodIPs is { Count: > 0 } podIps)
            texts.AddRange(podIps.Select((p, i) => (p.Ip, $"status.podIPs[{i}].ip")));
        else if (!string.IsNullOrEmpty(status.PodIP))
            texts.Add((status.PodIP, "status.podIP"));
        if (hostNetwork && !string.IsNullOrEmpty(status.HostIP))
            texts.Add((status.HostIP, "status.hostIP"));
        var result = new List<IPAddress>(texts.Count);
        foreach (var (text, field) in texts)
        {
            if (!Palisade.Net.IpRange.TryParseAddress(text, out var address))
                throw new InvalidInputException(locations.Of(field), objectName, field, $"\"{text}\" is not an IP address");
            if (!result.Contains(address))
                result.Add(address);
        }
        return result;
    }
}
