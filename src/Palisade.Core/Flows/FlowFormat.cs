namespace Palisade.Flows;

/// <summary>The flow record formats Palisade reads.</summary>
public enum FlowFormat
{
    /// <summary>Cilium Hubble JSON lines (<c>hubble observe -o json</c>), with or without the envelope.</summary>
    Hubble,

    /// <summary>AWS VPC flow logs, default version 2 format or a custom format named by its header.</summary>
    Vpc,

    /// <summary>GCP VPC flow logs as Cloud Logging JSON entries.</summary>
    Gcp,

    /// <summary>CSV with the header <c>time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict</c>.</summary>
    Csv,
}
