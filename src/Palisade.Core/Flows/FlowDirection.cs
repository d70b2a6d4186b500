namespace Palisade.Flows;

/// <summary>Which way a record was observed: into or out of the observing endpoint or interface.</summary>
public enum FlowDirection
{
    /// <summary>Not given.</summary>
    Unknown,

    /// <summary>Into the observing endpoint (Hubble INGRESS, VPC <c>flow-direction ingress</c>).</summary>
    Ingress,

    /// <summary>Out of the observing endpoint (Hubble EGRESS, VPC <c>flow-direction egress</c>).</summary>
    Egress,
}
