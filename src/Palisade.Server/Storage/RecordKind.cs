namespace Palisade.Server.Storage;

/// <summary>What an ingested record is.</summary>
public enum RecordKind
{
    /// <summary>A flow record (Hubble, VPC, GCP or CSV).</summary>
    Flow = 0,

    /// <summary>A Kubernetes audit event.</summary>
    Audit = 1,
}
