namespace Palisade.Detection.Tests.Scenarios.Audit.Log;

/// <summary>An authenticated (or anonymous) identity as the API server records it in <c>user</c>.</summary>
public sealed record AuditUser(string Username, IReadOnlyList<string> Groups)
{
    public static AuditUser Human(string name, params string[] groups) => new(name, [.. groups, "system:authenticated"]);

    public static AuditUser ServiceAccount(string ns, string name) =>
        new($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);

    public static AuditUser Node(string name) => new($"system:node:{name}", ["system:nodes", "system:authenticated"]);

    /// <summary>A control-plane component authenticating with its own certificate (system:kube-controller-manager, ...).</summary>
    public static AuditUser ControlPlane(string name) => new(name, ["system:authenticated"]);

    public static AuditUser Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"]);

    public static AuditUser ControllerManager { get; } = ControlPlane("system:kube-controller-manager");
    public static AuditUser Scheduler { get; } = ControlPlane("system:kube-scheduler");
    public static AuditUser ApiServer { get; } = new("system:apiserver", ["system:masters", "system:authenticated"]);

    /// <summary>The contract's control-plane identities for rbac-escalation: <c>system:</c> users other than service accounts.</summary>
    public bool IsSystemNonServiceAccount =>
        Username.StartsWith("system:", StringComparison.Ordinal) && !Username.StartsWith("system:serviceaccount:", StringComparison.Ordinal);

    /// <summary>The contract's control plane for secret-access: the controller manager, the scheduler, kube-system's service accounts.</summary>
    public bool IsSecretReadingControlPlane =>
        Username is "system:kube-controller-manager" or "system:kube-scheduler"
        || Username.StartsWith("system:serviceaccount:kube-system:", StringComparison.Ordinal);

    /// <summary>system:anonymous or a member of system:unauthenticated.</summary>
    public bool IsAnonymous => Username == "system:anonymous" || Groups.Contains("system:unauthenticated");

    public override string ToString() => Username;
}
