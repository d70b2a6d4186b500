using System.Net;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;
using k8s;
using k8s.Models;
using CoreLabelSelector = Palisade.Labels.LabelSelector;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Turns Pods and workload templates into Core pods. A pod's owner is its controller as written (or the pod
/// itself); the cluster builder follows it up to the top owner among the objects present.
/// </summary>
internal static class WorkloadMapper
{
    /// <summary>A real Pod object.</summary>
    public static Pod FromPod(V1Pod pod, MappingContext context)
    {
        var (ns, name) = (context.Key.Namespace!, context.Key.Name);
        var controller = ObjectNames.Controller(pod.Metadata);
        var owner = controller is null || controller.Kind == "Node"
            ? new WorkloadRef(ns, name, "Pod")
            : new WorkloadRef(ns, controller.Name ?? name, controller.Kind.Length == 0 ? "Pod" : controller.Kind);
        var objectName = $"Pod {ns}/{name}";
        return new Pod(ns, name, LabelSet.From(pod.Metadata?.Labels), owner)
        {
            Ports = Ports(pod.Spec, "spec", objectName, context),
            Images = Images(pod.Spec, "spec"),
            Addresses = Addresses(pod.Status, pod.Spec?.HostNetwork == true, objectName, context.Locations),
            HostNetwork = pod.Spec?.HostNetwork == true,
            NodeName = pod.Spec?.NodeName,
            HostIp = HostIp(pod.Status, objectName, context.Locations),
            ServiceAccount = ServiceAccountOf(pod.Spec),
            Created = pod.Metadata?.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            Terminated = pod.Status?.Phase is "Succeeded" or "Failed",
            Deleting = pod.Metadata?.DeletionTimestamp is { } deleting ? new DateTimeOffset(DateTime.SpecifyKind(deleting, DateTimeKind.Utc)) : null,
            Sidecar = SidecarMapper.Map(pod.Metadata, pod.Spec),
            Location = context.Locations.Object,
        };
    }

    /// <summary>
    /// The representative pod of a workload template. A <paramref name="selector"/> is given for the apps kinds,
    /// whose selector the API server requires to select the template.
    /// </summary>
    public static Pod FromTemplate(IKubernetesObject<V1ObjectMeta> workload, V1PodTemplateSpec? template, int replicas, string templatePath, MappingContext context,
        V1LabelSelector? selector = null)
    {
        var (ns, name) = (context.Key.Namespace!, context.Key.Name);
        if (replicas < 0)
        {
            var field = context.Kind == "Job" ? "spec.parallelism" : "spec.replicas";
            throw new InvalidInputException(context.Locations.Of(field), $"{context.Kind} {ns}/{name}", field, "must be greater than or equal to 0");
        }
        // A warning, not a refusal: generated and hand-written manifests carry such selectors (np-guard's corpus,
        // cluster generators writing `matchLabels: {}`), and the template still says which pods the workload runs.
        if (TemplateSelectorProblem(selector, template) is { } problem)
            context.Warnings.Add(context.Locations.Warning("spec.selector", $"{context.Kind} {ns}/{name}: spec.selector: {problem}"));
        LabelWarnings.Check(template?.Metadata?.Labels, templatePath + ".metadata.labels", $"{context.Kind} {ns}/{name}", context);
        return new Pod(ns, name, LabelSet.From(template?.Metadata?.Labels), new WorkloadRef(ns, name, context.Kind))
        {
            Ports = Ports(template?.Spec, templatePath + ".spec", $"{context.Kind} {ns}/{name}", context),
            Images = Images(template?.Spec, templatePath + ".spec"),
            HostNetwork = template?.Spec?.HostNetwork == true,
            SpecPath = templatePath + ".spec",
            Replicas = replicas,
            FromTemplate = true,
            ServiceAccount = ServiceAccountOf(template?.Spec),
            Sidecar = SidecarMapper.Map(template?.Metadata, template?.Spec),
            Location = context.Locations.Object,
        };
    }

    /// <summary>
    /// Why the API server would refuse the selector of an apps workload, or null: a selector written must not be
    /// empty and must select the template. A missing one is not judged (the older groups default it to the template's
    /// labels, and a short manifest without it still says which pods it makes), nor an object without a template.
    /// </summary>
    private static string? TemplateSelectorProblem(V1LabelSelector? selector, V1PodTemplateSpec? template)
    {
        if (template is null || selector is null)
            return null;
        if (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 })
            return "must not be empty; the API server refuses it";
        var labels = LabelSet.From(template?.Metadata?.Labels);
        CoreLabelSelector compiled;
        try
        {
            compiled = PolicyMapper.Selector(selector, "spec.selector")!;
        }
        catch (InvalidFieldException e)
        {
            return e.Message;
        }
        if (compiled.Matches(labels))
            return null;
        var shown = template?.Metadata?.Labels is { Count: > 0 } written
            ? string.Join(",", written.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
            : "none";
        return $"selects no pod of its own template (labels {shown}); the API server refuses it";
    }

    // serviceAccount is the deprecated alias the API server still fills in.
    private static string ServiceAccountOf(V1PodSpec? spec) =>
        !string.IsNullOrEmpty(spec?.ServiceAccountName) ? spec.ServiceAccountName
        : !string.IsNullOrEmpty(spec?.ServiceAccount) ? spec.ServiceAccount
        : "default";

    /// <summary>The containers that run as long as the pod does, with their paths: the containers and the sidecars (restartable init containers).</summary>
    private static IEnumerable<(V1Container Container, string Path)> Running(V1PodSpec spec, string path) =>
        (spec.Containers ?? []).Select((c, i) => (c, $"{path}.containers[{i}]"))
            .Concat((spec.InitContainers ?? []).Select((c, i) => (c, $"{path}.initContainers[{i}]")).Where(c => c.c.RestartPolicy == "Always"));

    private static IReadOnlyList<ContainerImage> Images(V1PodSpec? spec, string path) =>
        spec is null ? [] : [.. Running(spec, path).Where(c => !string.IsNullOrEmpty(c.Container.Image))
            .Select(c => new ContainerImage(c.Container.Image, c.Path + ".image", c.Container.Ports is { Count: > 0 }))];

    private static IReadOnlyList<ContainerPort> Ports(V1PodSpec? spec, string path, string objectName, MappingContext context)
    {
        if (spec is null)
            return [];
        var locations = context.Locations;
        var result = new List<ContainerPort>();
        foreach (var (container, containerPath) in Running(spec, path))
        {
            var index = 0;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var port in container.Ports ?? [])
            {
                var field = $"{containerPath}.ports[{index++}]";
                if (port.ContainerPort == 0)
                {
                    context.Warnings.Add(locations.Warning(field, $"{objectName}: {field}.containerPort: missing; the port is ignored"));
                    continue;
                }
                if (port.ContainerPort is < 1 or > 65535)
                    throw new InvalidInputException(locations.Of(field + ".containerPort"), objectName, field + ".containerPort", $"port {port.ContainerPort} is outside 1-65535");
                if (port.HostPort is < 0 or > 65535)
                    throw new InvalidInputException(locations.Of(field + ".hostPort"), objectName, field + ".hostPort", $"port {port.HostPort} is outside 1-65535");
                if (!Protocols.TryParse(port.Protocol, out var protocol))
                    throw new InvalidInputException(locations.Of(field + ".protocol"), objectName, field + ".protocol", $"unsupported protocol \"{port.Protocol}\" (want TCP, UDP or SCTP)");
                if (!string.IsNullOrEmpty(port.Name) && !PolicyPort.IsServiceName(port.Name))
                    throw new InvalidInputException(locations.Of(field + ".name"), objectName, field + ".name", PolicyPort.NameProblem(port.Name));
                // The API server refuses a name twice in one container: a policy's named port would have two meanings.
                if (!string.IsNullOrEmpty(port.Name) && !names.TryAdd(port.Name, field))
                    throw new InvalidInputException(locations.Of(field + ".name"), objectName, field + ".name",
                        $"duplicate port name \"{port.Name}\" (also {names[port.Name]}); a named port must name one port");
                result.Add(new ContainerPort(string.IsNullOrEmpty(port.Name) ? null : port.Name, port.ContainerPort, protocol) { HostPort = port.HostPort is > 0 ? port.HostPort : null, Field = field });
            }
        }
        return result;
    }

    private static IPAddress? HostIp(V1PodStatus? status, string objectName, FieldLocations locations)
    {
        if (string.IsNullOrEmpty(status?.HostIP))
            return null;
        return IpRange.TryParseAddress(status.HostIP, out var address)
            ? address
            : throw new InvalidInputException(locations.Of("status.hostIP"), objectName, "status.hostIP", $"\"{status.HostIP}\" is not an IP address");
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
            if (!IpRange.TryParseAddress(text, out var address))
                throw new InvalidInputException(locations.Of(field), objectName, field, $"\"{text}\" is not an IP address");
            if (!result.Contains(address))
                result.Add(address);
        }
        return result;
    }
}
