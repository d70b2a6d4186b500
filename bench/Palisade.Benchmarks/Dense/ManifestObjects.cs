using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Benchmarks.Dense;

/// <summary>
/// A cluster as Kubernetes objects (ordered mappings, lists and scalars) with the fields a real dump carries
/// beside the ones Palisade reads (uid, timestamps, images, resources, probes, status), so that loading is
/// measured on realistic text.
/// </summary>
public static class ManifestObjects
{
    /// <summary>Namespaces, workloads (template pods as their workload kind, real pods as Pods), then policies.</summary>
    public static IEnumerable<Mapping> Of(NetworkSnapshot cluster)
    {
        foreach (var ns in cluster.Namespaces.Values)
            yield return Namespace(ns);
        foreach (var pod in cluster.Pods)
            yield return pod.FromTemplate ? Workload(pod) : Pod(pod);
        foreach (var policy in cluster.NetworkPolicies)
            yield return Policy(policy);
    }

    private static Mapping Namespace(NamespaceInfo ns) => new()
    {
        { "apiVersion", "v1" },
        { "kind", "Namespace" },
        { "metadata", Metadata(ns.Name, null, ns.Labels) },
        { "spec", new Mapping { { "finalizers", new object[] { "kubernetes" } } } },
        { "status", new Mapping { { "phase", "Active" } } },
    };

    private static Mapping Workload(Pod pod)
    {
        var kind = pod.Owner.Kind;
        var spec = new Mapping();
        if (kind != "DaemonSet")
            spec.Add("replicas", pod.Replicas);
        spec.Add("revisionHistoryLimit", 10);
        spec.Add("selector", new Mapping { { "matchLabels", Labels(pod.Labels, "app.kubernetes.io/instance") } });
        if (kind == "StatefulSet")
            spec.Add("serviceName", pod.Name);
        spec.Add("template", new Mapping
        {
            { "metadata", new Mapping { { "creationTimestamp", null }, { "labels", Labels(pod.Labels) } } },
            { "spec", PodSpec(pod) },
        });
        return new Mapping
        {
            { "apiVersion", "apps/v1" },
            { "kind", kind },
            { "metadata", Metadata(pod.Name, pod.Namespace, pod.Labels) },
            { "spec", spec },
            { "status", new Mapping { { "observedGeneration", 3 }, { "readyReplicas", pod.Replicas }, { "replicas", pod.Replicas } } },
        };
    }

    private static Mapping Pod(Pod pod)
    {
        var status = new Mapping { { "phase", "Running" } };
        if (pod.Addresses.Count > 0)
            status.Add("podIP", pod.Addresses[0].ToString());
        return new Mapping
        {
            { "apiVersion", "v1" },
            { "kind", "Pod" },
            { "metadata", Metadata(pod.Name, pod.Namespace, pod.Labels) },
            { "spec", PodSpec(pod) },
            { "status", status },
        };
    }

    private static Mapping Metadata(string name, string? ns, LabelSet labels)
    {
        var metadata = new Mapping
        {
            { "annotations", new Mapping { { "meta.helm.sh/release-name", name }, { "deployment.kubernetes.io/revision", "3" } } },
            { "creationTimestamp", "2024-05-01T12:00:00Z" },
            { "generation", 3 },
        };
        if (labels.Count > 0)
            metadata.Add("labels", Labels(labels));
        metadata.Add("name", name);
        if (ns is not null)
            metadata.Add("namespace", ns);
        metadata.Add("resourceVersion", "123456");
        metadata.Add("uid", Uid(ns + "/" + name));
        return metadata;
    }

    private static Mapping PodSpec(Pod pod)
    {
        var container = new Mapping
        {
            { "env", new object[] { new Mapping { { "name", "LOG_LEVEL" }, { "value", "info" } }, new Mapping { { "name", "APP_NAME" }, { "value", pod.Name } } } },
            { "image", $"registry.example.com/{pod.Name}:1.4.2" },
            { "imagePullPolicy", "IfNotPresent" },
            { "name", "main" },
        };
        if (pod.Ports.Count > 0)
            container.Add("ports", pod.Ports.Select(PortObject).ToArray());
        container.Add("readinessProbe", new Mapping
        {
            { "httpGet", new Mapping { { "path", "/healthz" }, { "port", 8081 }, { "scheme", "HTTP" } } },
            { "periodSeconds", 10 },
        });
        container.Add("resources", new Mapping
        {
            { "limits", new Mapping { { "memory", "512Mi" } } },
            { "requests", new Mapping { { "cpu", "100m" }, { "memory", "128Mi" } } },
        });
        container.Add("terminationMessagePath", "/dev/termination-log");
        return new Mapping
        {
            { "containers", new object[] { container } },
            { "dnsPolicy", "ClusterFirst" },
            { "restartPolicy", "Always" },
            { "serviceAccountName", "default" },
            { "terminationGracePeriodSeconds", 30 },
        };
    }

    private static Mapping PortObject(ContainerPort port)
    {
        var result = new Mapping();
        result.Add("containerPort", port.Port);
        if (port.Name is not null)
            result.Add("name", port.Name);
        result.Add("protocol", port.Protocol.Name());
        return result;
    }

    private static Mapping Policy(NetworkPolicy policy)
    {
        var spec = new Mapping { { "podSelector", Selector(policy.PodSelector) } };
        if (policy.PolicyTypes is { } types)
            spec.Add("policyTypes", types.Select(t => (object?)t.ToString()).ToArray());
        if (policy.Ingress.Count > 0)
            spec.Add("ingress", policy.Ingress.Select(r => Rule(r, "from")).ToArray());
        if (policy.Egress.Count > 0)
            spec.Add("egress", policy.Egress.Select(r => Rule(r, "to")).ToArray());
        return new Mapping
        {
            { "apiVersion", "networking.k8s.io/v1" },
            { "kind", "NetworkPolicy" },
            { "metadata", Metadata(policy.Name, policy.Namespace, LabelSet.Empty) },
            { "spec", spec },
        };
    }

    private static object? Rule(PolicyRule rule, string peersKey)
    {
        var result = new Mapping();
        if (rule.Peers.Count > 0)
            result.Add(peersKey, rule.Peers.Select(PeerObject).ToArray());
        if (rule.Ports.Count > 0)
            result.Add("ports", rule.Ports.Select(PolicyPortObject).ToArray());
        return result;
    }

    private static object? PeerObject(PolicyPeer peer)
    {
        var result = new Mapping();
        switch (peer)
        {
            case IpBlockPeer block:
                var ipBlock = new Mapping { { "cidr", block.Cidr } };
                if (block.Except.Count > 0)
                    ipBlock.Add("except", block.Except.Select(e => (object?)e).ToArray());
                result.Add("ipBlock", ipBlock);
                break;
            case SelectorPeer selector:
                if (selector.NamespaceSelector is { } namespaces)
                    result.Add("namespaceSelector", Selector(namespaces));
                if (selector.PodSelector is { } pods)
                    result.Add("podSelector", Selector(pods));
                break;
        }
        return result;
    }

    private static object? PolicyPortObject(PolicyPort port)
    {
        var result = new Mapping();
        if (port.EndPort is { } end)
            result.Add("endPort", end);
        if (port.Number is { } number)
            result.Add("port", number);
        else if (port.Name is { } name)
            result.Add("port", name);
        result.Add("protocol", port.Protocol.Name());
        return result;
    }

    private static Mapping Selector(LabelSelector selector) => selector.IsEmpty
        ? []
        : new Mapping { { "matchLabels", new Mapping(selector.MatchLabels.Select(l => (l.Key, (object?)l.Value))) } };

    private static Mapping Labels(LabelSet labels, string? only = null) =>
        new(labels.Items.Where(l => only is null || l.Key == only).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, (object?)l.Value)));

    private static string Uid(string key) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();
}
