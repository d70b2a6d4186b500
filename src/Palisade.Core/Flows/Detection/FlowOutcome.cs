using Palisade.Flows;

namespace Palisade.Flows.Detection;

/// <summary>What the data plane did with a request flow, as the detectors need it.</summary>
public enum FlowOutcome
{
    /// <summary>The record carries no verdict: the policy in force decides what happened.</summary>
    Unknown,

    /// <summary>Delivered (including Hubble AUDIT, forwarded although a policy in audit mode would drop it).</summary>
    Forwarded,

    /// <summary>Dropped by a policy (Hubble policy drop reasons, VPC REJECT, CSV DROPPED).</summary>
    DroppedByPolicy,

    /// <summary>Dropped or failed for another reason.</summary>
    DroppedOther,
}
