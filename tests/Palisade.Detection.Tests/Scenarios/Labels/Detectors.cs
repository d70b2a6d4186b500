namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>The detector names of the contract.</summary>
public static class Detectors
{
    public const string DeniedAttempt = "denied-attempt";
    public const string PolicyViolation = "policy-violation";
    public const string PortScan = "port-scan";
    public const string NewConnection = "new-connection";
    public const string InternetEgress = "internet-egress";
    public const string ControlPlaneAccess = "control-plane-access";
    public const string MetadataAccess = "metadata-access";
    public const string Plaintext = "plaintext";
    public const string DnsExfiltration = "dns-exfiltration";
    public const string ViaPolicyChange = "via-policy-change";

    public static IReadOnlyList<string> All { get; } =
    [
        DeniedAttempt, PolicyViolation, PortScan, NewConnection, InternetEgress, ControlPlaneAccess,
        MetadataAccess, Plaintext, DnsExfiltration, ViaPolicyChange,
    ];

    /// <summary>The detectors that need Hubble's L7 records.</summary>
    public static IReadOnlySet<string> L7 { get; } = new HashSet<string> { Plaintext, DnsExfiltration };
}
