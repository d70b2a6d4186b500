using k8s;
using k8s.Models;
using Palisade.Generate.Inference;
using Palisade.Kubernetes.Manifests;
using Palisade.Model;

namespace Palisade.Kubernetes.Generation;

/// <summary>
/// Reads manifests for <c>generate --from-manifests</c>: the cluster, and every value in a workload's configuration
/// that may name a Service: its containers' environment values, arguments and commands, and the keys of the
/// ConfigMaps it uses (<c>envFrom</c>, <c>configMapKeyRef</c>, configMap volumes).
/// </summary>
public static class ReferenceScanner
{
    private static readonly Dictionary<string, Type> ConfigMaps = new(StringComparer.Ordinal) { ["ConfigMap"] = typeof(V1ConfigMap) };

    /// <summary>The cluster of the paths, read as <paramref name="options"/> say, and the references its workloads declare.</summary>
    public static (LoadedCluster Cluster, IReadOnlyList<DeclaredReference> References) Load(IEnumerable<string> paths, TextReader? standardInput = null,
        InputOptions? options = null)
    {
        options ??= InputOptions.Default;
        var read = ManifestInputs.Read(paths, standardInput ?? Console.In, options, ConfigMaps);
        var loaded = ManifestSource.Build(read, defaultNamespace: options.DefaultNamespace);
        var maps = read.Extras.Select(o => (V1ConfigMap)o.Model)
            .GroupBy(m => (Namespace(m, options.DefaultNamespace), m.Metadata?.Name ?? ""))
            .ToDictionary(g => g.Key, g => g.Last());
        var owners = loaded.Cluster.Network.Pods.Where(p => !p.FromTemplate).ToDictionary(p => (p.Namespace, p.Name), p => p.Owner);
        var workloads = loaded.Cluster.Network.Pods.Select(p => p.Owner).ToHashSet();
        var references = new List<DeclaredReference>();
        foreach (var o in read.Objects)
        {
            if (Template(o) is not { } template)
                continue;
            var ns = Namespace((IKubernetesObject<V1ObjectMeta>)o.Model, options.DefaultNamespace);
            var name = ((IKubernetesObject<V1ObjectMeta>)o.Model).Metadata?.Name ?? "";
            var client = o.Kind == "Pod" ? owners.GetValueOrDefault((ns, name)) : new WorkloadRef(ns, name, o.Kind);
            if (client is null || !workloads.Contains(client))
                continue;
            references.AddRange(Scan(client, template.Spec, template.Path, ns, maps, o));
        }
        return (loaded, references);
    }

    private static (V1PodSpec? Spec, string Path)? Template(ManifestObject o) => o.Model switch
    {
        V1Pod pod => (pod.Spec, "spec"),
        V1Deployment d => (d.Spec?.Template?.Spec, "spec.template.spec"),
        V1StatefulSet s => (s.Spec?.Template?.Spec, "spec.template.spec"),
        V1DaemonSet d => (d.Spec?.Template?.Spec, "spec.template.spec"),
        V1ReplicaSet r => (r.Spec?.Template?.Spec, "spec.template.spec"),
        V1ReplicationController r => (r.Spec?.Template?.Spec, "spec.template.spec"),
        V1Job j => (j.Spec?.Template?.Spec, "spec.template.spec"),
        V1CronJob c => (c.Spec?.JobTemplate?.Spec?.Template?.Spec, "spec.jobTemplate.spec.template.spec"),
        _ => null,
    };

    // Objects that name no namespace are in the one the input options give (-n), as ManifestSource places workloads.
    private static string Namespace(IKubernetesObject<V1ObjectMeta> model, string defaultNamespace) =>
        model.Metadata?.NamespaceProperty is { Length: > 0 } ns ? ns : defaultNamespace;

    private static IEnumerable<DeclaredReference> Scan(WorkloadRef client, V1PodSpec? spec, string path, string ns,
        Dictionary<(string, string), V1ConfigMap> maps, ManifestObject o)
    {
        if (spec is null)
            yield break;
        var containers = (spec.Containers ?? []).Select((c, i) => (c, $"{path}.containers[{i}]"))
            .Concat((spec.InitContainers ?? []).Select((c, i) => (c, $"{path}.initContainers[{i}]")));
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (container, at) in containers)
        {
            foreach (var (env, i) in (container.Env ?? []).Select((e, i) => (e, i)))
            {
                if (env.Value is { } value)
                    yield return new DeclaredReference(client, $"env {env.Name}", value, o.Locations.Of($"{at}.env[{i}].value"));
                else if (env.ValueFrom?.ConfigMapKeyRef is { Name: { } map, Key: { } key }
                    && maps.TryGetValue((ns, map), out var found) && found.Data?.TryGetValue(key, out var data) == true)
                    yield return new DeclaredReference(client, $"env {env.Name} (ConfigMap {ns}/{map} key {key})", data, o.Locations.Of($"{at}.env[{i}]"));
            }
            foreach (var text in (container.Command ?? []).Concat(container.Args ?? []))
                yield return new DeclaredReference(client, "command line", text, o.Locations.Of($"{at}.args"));
            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef?.Name is { } map)
                    used.Add(map);
            }
        }
        foreach (var volume in spec.Volumes ?? [])
        {
            if (volume.ConfigMap?.Name is { } map)
                used.Add(map);
        }
        foreach (var map in used)
        {
            if (!maps.TryGetValue((ns, map), out var found))
                continue;
            foreach (var (key, value) in (found.Data ?? new Dictionary<string, string>()).OrderBy(d => d.Key, StringComparer.Ordinal))
                yield return new DeclaredReference(client, $"ConfigMap {ns}/{map} key {key}", value);
        }
    }
}
