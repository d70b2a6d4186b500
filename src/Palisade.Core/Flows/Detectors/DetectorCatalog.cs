using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>The detectors of <c>flows check</c>, in the detection contract's order; a fresh set per check, since detectors keep windows.</summary>
public static class DetectorCatalog
{
    /// <summary>A new instance of every detector.</summary>
    public static IReadOnlyList<IFlowDetector> Create() =>
    [
        new DeniedAttempt(),
        new PolicyViolation(),
        new PortScan(),
        new NewConnection(),
        new InternetEgress(),
        new ControlPlaneAccess(),
        new MetadataAccess(),
        new Plaintext(),
        new DnsExfiltration(),
        new ViaPolicyChange(),
    ];
}
