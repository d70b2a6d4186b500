namespace Palisade.Flows;

/// <summary>What the data plane did with a flow, in the formats' common terms.</summary>
public enum FlowVerdict
{
    /// <summary>The record carries no verdict (GCP, a CSV record without one).</summary>
    Unknown,

    /// <summary>Delivered (Hubble FORWARDED, REDIRECTED, TRANSLATED, TRACED; VPC ACCEPT; CSV FORWARDED).</summary>
    Forwarded,

    /// <summary>Dropped (Hubble DROPPED, VPC REJECT, CSV DROPPED); see <see cref="FlowRecord.DroppedByPolicy"/>.</summary>
    Dropped,

    /// <summary>Delivered, but a policy in audit mode would have dropped it (Hubble AUDIT).</summary>
    Audit,

    /// <summary>An error while processing the packet (Hubble ERROR).</summary>
    Error,
}
