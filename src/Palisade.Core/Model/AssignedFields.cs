namespace Palisade.Model;

/// <summary>
/// What the API server assigns and a user's manifest leaves out: a Service's cluster IPs, node ports and load balancer
/// addresses, a Pod's status (its addresses, node, phase) and creation time. Applying such a manifest over the live
/// object leaves them as they are, so a later declaration that lacks them keeps those of the earlier one (a
/// <c>kubectl get -o json</c> dump read together with the manifests it was deployed from); what it declares wins.
/// </summary>
public static class AssignedFields
{
    /// <summary>The later declaration, with the assigned fields it lacks taken from the earlier one of the same object.</summary>
    public static ClusterObject Keep(ClusterObject earlier, ClusterObject later) => (earlier.Content, later.Content) switch
    {
        (ServiceInfo before, ServiceInfo after) => later with { Content = Keep(before, after) },
        (Pod { FromTemplate: false, Addresses.Count: > 0 } before, Pod { FromTemplate: false, Addresses.Count: 0 } after) =>
            later with { Content = Keep(before, after) },
        _ => later,
    };

    private static ServiceInfo Keep(ServiceInfo before, ServiceInfo after) => after with
    {
        ClusterIps = after.ClusterIps.Count == 0 ? before.ClusterIps : after.ClusterIps,
        LoadBalancerIps = after.LoadBalancerIps.Count == 0 ? before.LoadBalancerIps : after.LoadBalancerIps,
        Ports = [.. after.Ports.Select(p => p.NodePort is null && NodePortOf(before, p) is { } assigned ? p with { NodePort = assigned } : p)],
    };

    private static int? NodePortOf(ServiceInfo before, ServicePort port)
    {
        foreach (var known in before.Ports)
        {
            if (known.Port == port.Port && known.Protocol == port.Protocol)
                return known.NodePort;
        }
        return null;
    }

    // A pod declared without status: the dump's status is the pod's, as the kubelet reported it.
    private static Pod Keep(Pod before, Pod after) => after with
    {
        Addresses = before.Addresses,
        HostIp = after.HostIp ?? before.HostIp,
        NodeName = after.NodeName ?? before.NodeName,
        Created = after.Created ?? before.Created,
        Deleting = after.Deleting ?? before.Deleting,
        Terminated = before.Terminated,
    };
}
