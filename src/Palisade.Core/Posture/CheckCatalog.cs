using Palisade.Policy;
using Palisade.Posture.AuditLogging;
using Palisade.Posture.Coverage;
using Palisade.Posture.DefaultPorts;
using Palisade.Posture.Exposure;
using Palisade.Posture.Input;
using Palisade.Posture.Mesh;
using Palisade.Posture.PolicyQuality;
using Palisade.Posture.Rbac;

namespace Palisade.Posture;

/// <summary>Every posture check, in id order.</summary>
public static class CheckCatalog
{
    /// <summary>All checks.</summary>
    public static IReadOnlyList<IPostureCheck> All { get; } = Sorted(
    [
        new NamespaceWithoutPolicy(),
        new NamespaceWithoutDefaultDeny(PolicyDirection.Ingress),
        new NamespaceWithoutDefaultDeny(PolicyDirection.Egress),
        new WorkloadNotIsolated(PolicyDirection.Ingress),
        new WorkloadNotIsolated(PolicyDirection.Egress),
        new WorkloadReachableFromOutside(),
        new PolicySelectsNoPod(),
        new PeerMatchesNothing(),
        new AllowAll(PolicyDirection.Ingress),
        new AllowAll(PolicyDirection.Egress),
        new EgressToAnyAddress(),
        new EgressBlocksDns(),
        new NamedPortUnresolved(),
        new RuleShadowed(),
        new DuplicateName(),
        new LegacyIsolationAnnotation(),
        new IngressFromEveryNamespace(),
        new NodePortService(),
        new OpenLoadBalancer(),
        new ServiceExternalIps(),
        new IngressWithoutTls(),
        new HostNetworkPod(),
        new HostPortContainer(),
        new DefaultPortInUse(),
        new ControlPlanePortsReachable(),
        new MetadataEndpointReachable(),
        new MeshMtlsNotStrict(),
        new PlaintextAccepted(),
        new DestinationTlsWeakened(),
        new AllowAllAuthorization(),
        new NamespaceOutsideMesh(),
        new NetworkControlWriters(),
        new PodAccessSubresources(),
        new WildcardRules(),
        new EscalationVerbs(),
        new PublicBindings(),
        new ClusterAdminBinding(),
        new AuditPolicyGaps(),
        new AuditPolicyLogsCredentials(),
        new InputNotRead(),
    ]);

    private static IPostureCheck[] Sorted(IPostureCheck[] checks) =>
        checks.OrderBy(c => c.Info.Id, StringComparer.Ordinal).ToArray();
}
