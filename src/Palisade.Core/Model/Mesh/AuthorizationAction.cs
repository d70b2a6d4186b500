namespace Palisade.Model.Mesh;

/// <summary>What an Istio AuthorizationPolicy does with the requests its rules match.</summary>
public enum AuthorizationAction
{
    /// <summary>Allow them (the default); a workload with any ALLOW policy denies what none allows.</summary>
    Allow,

    /// <summary>Deny them, before any ALLOW policy is considered.</summary>
    Deny,

    /// <summary>Log them; no effect on access.</summary>
    Audit,

    /// <summary>Delegate the decision to an external authorizer.</summary>
    Custom,
}
