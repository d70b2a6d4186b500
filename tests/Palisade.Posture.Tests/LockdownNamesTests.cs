using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Changes;
using Palisade.Net;
using Palisade.Policy;
using Palisade.Posture.Fixes;

namespace Palisade.Posture.Tests;

/// <summary>A namespace's lockdown names its policies apart: applied to a cluster, a second policy of one name replaces the first.</summary>
public sealed class LockdownNamesTests
{
    private static Pod Workload(string name, string kind, string app, string ip) =>
        new("app", $"{name}-{kind.ToLowerInvariant()}-0", LabelSet.From([new("app", app)]), new WorkloadRef("app", name, kind))
        {
            Ports = [new ContainerPort("http", 80, Protocol.Tcp)],
            Addresses = [System.Net.IPAddress.Parse(ip)],
            FromTemplate = true,
        };

    private static ServiceInfo Published(string name, string app, int nodePort) => new("app", name, "NodePort", LabelSet.From([new("app", app)]))
    {
        Ports = [new ServicePort("http", 80, Protocol.Tcp, 80, null, nodePort)],
    };

    [Fact]
    public void Workloads_of_one_name_and_two_kinds_and_one_named_like_the_default_deny_get_policies_of_their_own()
    {
        var cluster = new Cluster(new NetworkSnapshot([new NamespaceInfo("app", LabelSet.Empty)],
            [Workload("web", "Deployment", "web-d", "10.0.0.1"), Workload("web", "StatefulSet", "web-s", "10.0.0.2"), Workload("default-deny", "Deployment", "dd", "10.0.0.3")],
            [],
            [Published("web-d", "web-d", 30080), Published("web-s", "web-s", 30081), Published("dd", "dd", 30082)]));
        var context = new PostureContext(cluster);

        var change = (ApplyPolicies)Lockdown.For(context, "app", ingress: true, egress: false).Change;

        Assert.Equal(
            ["palisade-default-deny-ingress", "palisade-default-deny-ingress-2", "palisade-web-deployment-ingress", "palisade-web-statefulset-ingress"],
            change.Policies.Select(p => p.Name).Order(StringComparer.Ordinal));
        var applied = change.Apply(cluster).Network.NetworkPolicies;
        Assert.Equal(4, applied.Count);
    }
}
