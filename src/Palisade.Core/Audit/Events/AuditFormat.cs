namespace Palisade.Audit.Events;

/// <summary>The wrappers audit events arrive in.</summary>
public enum AuditFormat
{
    /// <summary>audit.k8s.io/v1 Event objects, one per line (the log backend) or concatenated.</summary>
    Event,

    /// <summary>An audit.k8s.io/v1 EventList (the webhook backend's batch).</summary>
    EventList,

    /// <summary>GKE Cloud Logging entries (<c>protoPayload</c> of type AuditLog).</summary>
    Gke,

    /// <summary>AKS diagnostic records (<c>properties.log</c> holds the Event as a string).</summary>
    Aks,

    /// <summary>EKS CloudWatch Logs exports (<c>message</c> holds the Event as a string).</summary>
    Eks,
}
