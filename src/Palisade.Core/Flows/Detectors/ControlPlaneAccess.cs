using System.Runtime.CompilerServices;
using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Identity;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>control-plane-access</c>: a pod reaching the API server (the <c>default/kubernetes</c> Service's cluster
/// IP and port, or its endpoints, also as the flow format names them) or a node's control-plane ports: kubelet
/// 10250/10255, etcd 2379/2380, kube-scheduler 10259, kube-controller-manager 10257. When the cluster does not say where the API server
/// is (no endpoints of <c>default/kubernetes</c>), a node's 6443 counts as the API server.
/// </summary>
public sealed class ControlPlaneAccess : IFlowDetector
{
    // Cilium's reserved identity of the API server's addresses: a managed control plane's endpoint outside the cluster's
    // objects. Only for external peers: on a node hosting the API server it marks the node's address, whose other ports
    // are not the API server.
    private const uint KubeApiServerIdentity = 7;
    private static readonly int[] NodePorts = [10250, 10255, 2379, 2380, 10259, 10257];
    // By state object, not index: a live history drops its oldest states, which shifts the indices.
    private readonly ConditionalWeakTable<ClusterState, ApiServer> _apiServers = [];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL806", "control-plane-access", "Pod access to the control plane", Severity.Medium, "flows",
            "A pod talked to the API server, a kubelet, etcd or a controller: expected of operators, a step towards taking the cluster over for anything else."),
        ["T1613", "T1609"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (!flow.Source.IsPod || !IsControlPlane(flow, context))
            return;
        context.Alerts.Raise(this, flow, context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port);
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} opened {Text.Connections(alert)} to the control plane at {alert.Destination} ({Text.Ports(alert)})";

    private bool IsControlPlane(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Service is { Namespace: "default", Name: "kubernetes" } service)
            return service.Ports.Count == 0 || flow.AddressedPort is { } p && Exposes(service, p);
        // The format names the Service the flow was addressed to (Hubble's destination_service): the kubernetes Service
        // translated to one of its endpoints, which a dump without Endpoints (kubectl get all) does not list; or it names
        // the address the API server's (Cilium's kube-apiserver identity).
        if (flow.Record.DestinationInfo is { } info && (info.Service is "default/kubernetes" || info.IsReserved(KubeApiServerIdentity, "reserved:kube-apiserver") && flow.Destination.Kind == FlowPeerKind.External))
            return true;
        // Pod peers carry no address: the endpoints and ports below belong to nodes and hosts outside the pod network.
        if (flow.Destination.Address is not { } address)
            return false;
        var api = ApiServerOf(flow.State, context);
        if (flow.Port is { } port && api.Endpoints.Contains((address, port)))
            return true;
        return flow.Destination.Kind == FlowPeerKind.Node && flow.Port is { } nodePort
            && (Array.IndexOf(NodePorts, nodePort) >= 0 || api.Endpoints.Count == 0 && nodePort == 6443);
    }

    /// <summary>Whether the Service has the port (a loop: asked of every flow to the API server's cluster IP).</summary>
    private static bool Exposes(ServiceInfo service, int port)
    {
        foreach (var servicePort in service.Ports)
        {
            if (servicePort.Port == port)
                return true;
        }
        return false;
    }

    private ApiServer ApiServerOf(int index, FlowCheckContext context)
    {
        var state = context.History.States[index];
        if (_apiServers.TryGetValue(state, out var api))
            return api;
        var endpoints = new HashSet<(AddressKey, int)>();
        foreach (var service in state.Snapshot.Services)
        {
            if (service is { Namespace: "default", Name: "kubernetes" })
            {
                foreach (var endpoint in service.Endpoints)
                    endpoints.Add((AddressKey.Of(endpoint.Address), endpoint.Port));
            }
        }
        api = new ApiServer(endpoints);
        _apiServers.AddOrUpdate(state, api);
        return api;
    }

    private sealed record ApiServer(HashSet<(AddressKey, int)> Endpoints);
}
