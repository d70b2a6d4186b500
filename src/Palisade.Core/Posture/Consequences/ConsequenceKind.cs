namespace Palisade.Posture.Consequences;

/// <summary>What unrestricted egress lets a workload reach, worst first.</summary>
public enum ConsequenceKind
{
    /// <summary>The cloud instance metadata service (node credentials).</summary>
    MetadataService,

    /// <summary>Ports of etcd, the kubelet, the controller manager, the scheduler or kube-proxy.</summary>
    ComponentPorts,

    /// <summary>The API server port alone, from a workload that holds no API permission.</summary>
    ApiServer,

    /// <summary>Every pod in the cluster, on every port.</summary>
    EveryPod,

    /// <summary>Public addresses.</summary>
    Internet,
}
