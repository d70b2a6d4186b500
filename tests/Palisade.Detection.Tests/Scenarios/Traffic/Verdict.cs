namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>What the enforcement point did with a connection, as formats with a verdict report it.</summary>
public enum Verdict
{
    Forwarded,

    /// <summary>Dropped by policy: Hubble POLICY_DENIED, VPC REJECT, CSV DROPPED.</summary>
    DroppedByPolicy,

    /// <summary>Dropped for another reason (Hubble only): neither dropped by policy nor forwarded.</summary>
    DroppedOther,
}
