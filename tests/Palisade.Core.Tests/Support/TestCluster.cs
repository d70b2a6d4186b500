using Palisade.Connectivity;
using Palisade.Model;
using Palisade.Policy;

namespace Palisade.Core.Tests.Support;

/// <summary>A cluster assembled in a test, with lookups of its pods as endpoints.</summary>
internal sealed class TestCluster
{
    private readonly List<NamespaceInfo> _namespaces = [];
    private readonly List<Pod> _pods = [];
    private readonly List<NetworkPolicy> _policies = [];
    private readonly List<AdminNetworkPolicy> _admin = [];
    private PolicyEngine? _engine;

    public TestCluster Namespace(string name, string labels = "")
    {
        _namespaces.Add(new NamespaceInfo(name, Build.Labels(labels)));
        return this;
    }

    public TestCluster Pod(string nsName, string labels = "", string ports = "", string ips = "", bool hostNetwork = false)
    {
        _pods.Add(Build.Pod(nsName, labels, ports, ips, hostNetwork));
        return this;
    }

    public TestCluster With(params NetworkPolicy[] policies)
    {
        _policies.AddRange(policies);
        return this;
    }

    public TestCluster With(params AdminNetworkPolicy[] policies)
    {
        _admin.AddRange(policies);
        return this;
    }

    public NetworkSnapshot Snapshot() => new(_namespaces, _pods, _policies, adminPolicies: _admin);

    /// <summary>The engine with default options, built once; tests needing other options build their own.</summary>
    public PolicyEngine Engine() => _engine ??= new PolicyEngine(Snapshot());

    /// <summary>The endpoint of the pod <c>ns/name</c>.</summary>
    public PodEndpoint this[string nsName] => Engine().Pods.Single(p => p.Pod.ToString() == nsName);

    /// <summary>The external destination range holding the address.</summary>
    public ExternalEndpoint ExternalTo(string address) =>
        Engine().ExternalDestinations.Single(e => e.Range.Contains(System.Net.IPAddress.Parse(address)));

    /// <summary>The external source range holding the address.</summary>
    public ExternalEndpoint ExternalFrom(string address) =>
        Engine().ExternalSources.Single(e => e.Range.Contains(System.Net.IPAddress.Parse(address)));

    /// <summary>The allowed connections, as np-guard prints them (empty string for none).</summary>
    public string Conns(Endpoint source, Endpoint destination)
    {
        var allowed = Engine().Allowed(source, destination);
        return allowed.IsEmpty ? "" : allowed.ToString();
    }

    public string Conns(string source, string destination) => Conns(this[source], this[destination]);
}
