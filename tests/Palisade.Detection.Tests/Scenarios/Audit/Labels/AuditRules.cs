namespace Palisade.Detection.Tests.Scenarios.Audit.Labels;

/// <summary>The contract's audit rule names.</summary>
public static class AuditRules
{
    public const string NetworkPolicyTampering = "network-policy-tampering";
    public const string LabelChangeOpened = "label-change-opened";
    public const string Exec = "exec";
    public const string ExposureChange = "exposure-change";
    public const string RbacEscalation = "rbac-escalation";
    public const string AnonymousAccess = "anonymous-access";
    public const string SecretAccess = "secret-access";
    public const string HostNetworkPod = "host-network-pod";

    public static IReadOnlyList<string> All { get; } =
        [NetworkPolicyTampering, LabelChangeOpened, Exec, ExposureChange, RbacEscalation, AnonymousAccess, SecretAccess, HostNetworkPod];

    /// <summary>Rules whose alerts carry <c>opened</c> lines.</summary>
    public static IReadOnlySet<string> WithOpened { get; } = new HashSet<string> { NetworkPolicyTampering, LabelChangeOpened };
}
