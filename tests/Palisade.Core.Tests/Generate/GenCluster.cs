using System.Globalization;
using System.Net;

using Palisade.Flows;
using Palisade.Generate;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Core.Tests.Generate;

/// <summary>
/// A cluster for the generation tests, built like a <c>kubectl get -o yaml</c> dump: workloads whose pods carry IPs and
/// the labels controllers add, Services, nodes and policies; and flow records between its addresses.
/// </summary>
internal sealed class GenCluster
{
    private readonly List<NamespaceInfo> _namespaces = [];
    private readonly List<Pod> _pods = [];
    private readonly List<NetworkPolicy> _policies = [];
    private readonly List<ServiceInfo> _services = [];
    private readonly List<NodeInfo> _nodes = [];

    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public GenCluster Namespace(string name, string labels = "")
    {
        _namespaces.Add(new NamespaceInfo(name, Support.Build.Labels(labels)));
        return this;
    }

    /// <summary>A Deployment's pods, one per address, labelled as the template says plus a pod-template-hash.</summary>
    public GenCluster Workload(string nsName, string labels, string ports, params string[] ips) => Owned(nsName, "Deployment", labels, ports, false, ips);

    /// <summary>A workload of another kind, or on the host network.</summary>
    public GenCluster Owned(string nsName, string kind, string labels, string ports, bool hostNetwork, params string[] ips)
    {
        var (ns, name) = Support.Build.Split(nsName);
        for (var i = 0; i < ips.Length; i++)
        {
            var podLabels = Support.Build.Labels(labels);
            if (kind == "Deployment")
                podLabels = podLabels.With("pod-template-hash", "7d4b9c" + i.ToString(CultureInfo.InvariantCulture));
            _pods.Add(new Pod(ns, $"{name}-{i}", podLabels, new WorkloadRef(ns, name, kind))
            {
                Ports = Support.Build.Ports(ports),
                Addresses = [IPAddress.Parse(ips[i])],
                HostNetwork = hostNetwork,
            });
        }
        return this;
    }

    /// <summary>A ClusterIP Service selecting by <paramref name="selector"/>, ports as <c>name:port/PROTO>target</c>.</summary>
    public GenCluster Service(string nsName, string selector, string clusterIp, params string[] ports)
    {
        var (ns, name) = Support.Build.Split(nsName);
        _services.Add(new ServiceInfo(ns, name, "ClusterIP", selector.Length == 0 ? null : Support.Build.Labels(selector))
        {
            ClusterIps = [IPAddress.Parse(clusterIp)],
            Ports = [.. ports.Select(p =>
            {
                var (spec, target) = (p.Split('>')[0], p.Split('>')[^1]);
                var colon = spec.IndexOf(':');
                var rest = spec[(colon + 1)..].Split('/');
                Protocols.TryParse(rest.Length > 1 ? rest[1] : null, out var protocol);
                var number = int.TryParse(target, out var n) ? (int?)n : null;
                return new ServicePort(spec[..colon], int.Parse(rest[0], CultureInfo.InvariantCulture), protocol, number, number is null ? target : null, null);
            })],
        });
        return this;
    }

    public GenCluster Node(string name, string ip, string podCidr)
    {
        IpRange.TryParseCidr(podCidr, out var range);
        _nodes.Add(new NodeInfo(name) { Addresses = [IPAddress.Parse(ip)], PodCidrs = [range] });
        return this;
    }

    /// <summary>Schedules the pod on a node.</summary>
    public GenCluster Scheduled(string nsName, string node)
    {
        var (ns, name) = Support.Build.Split(nsName);
        var i = _pods.FindIndex(p => p.Namespace == ns && p.Name == name);
        _pods[i] = _pods[i] with { NodeName = node };
        return this;
    }

    public GenCluster With(params NetworkPolicy[] policies)
    {
        _policies.AddRange(policies);
        return this;
    }

    public Cluster ToCluster() => new(new NetworkSnapshot(_namespaces, _pods, _policies, _services) { Nodes = _nodes });

    /// <summary>Generates from the records with the options.</summary>
    public GenerateResult Generate(IEnumerable<FlowRecord> records, GenerateOptions? options = null)
    {
        var session = new GenerateSession(ClusterHistory.Static(ToCluster()), options ?? GenerateOptions.Default);
        foreach (var record in records)
            session.Observe(record);
        return session.Finish();
    }

    /// <summary>A request record <paramref name="seconds"/> after <see cref="T0"/>; <paramref name="verdict"/> as the data plane said.</summary>
    public static FlowRecord Flow(double seconds, string source, int sourcePort, string destination, int? port, int protocol = FlowProtocols.Tcp,
        FlowVerdict verdict = FlowVerdict.Forwarded, bool? reply = false, DnsInfo? dns = null) => new()
        {
            Time = T0.AddSeconds(seconds),
            Source = IPAddress.TryParse(source, out var s) ? s : null,
            Destination = IPAddress.TryParse(destination, out var d) ? d : null,
            SourcePort = sourcePort,
            DestinationPort = port,
            Protocol = protocol,
            Verdict = verdict,
            DroppedByPolicy = verdict == FlowVerdict.Dropped,
            IsReply = reply,
            Dns = dns,
            Location = new SourceLocation("flows.json", (int)seconds + 1),
        };
}
