namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>
/// A flow-log format the generator writes and what it can express: GCP has no verdict, and only Hubble
/// has L7 records. <see cref="Family"/> groups the VPC versions.
/// </summary>
public sealed record FlowFormat(string Id, string Family, string Extension, bool HasVerdict, bool HasL7)
{
    public static readonly FlowFormat Hubble = new("hubble", "hubble", "json", HasVerdict: true, HasL7: true);
    public static readonly FlowFormat VpcV2 = new("vpc-v2", "vpc", "log", HasVerdict: true, HasL7: false);
    public static readonly FlowFormat VpcV5 = new("vpc-v5", "vpc", "log", HasVerdict: true, HasL7: false);
    /// <summary>
    /// AWS VPC v5 as a real log holds it: both interfaces of a connection inside the VPC, capture windows out of order,
    /// TCP flags OR-ed over the window, the node's primary address for a pod's secondary one (the pod in pkt-dstaddr).
    /// </summary>
    public static readonly FlowFormat VpcEni = new("vpc-eni", "vpc", "log", HasVerdict: true, HasL7: false);
    public static readonly FlowFormat Gcp = new("gcp", "gcp", "json", HasVerdict: false, HasL7: false);
    /// <summary>
    /// GCP as Cloud Logging holds it when both VMs of a connection log: each direction reported by its sender (SRC) and its
    /// receiver (DEST), with times of their own, and the entries in the order of their <c>timestamp</c>, not their start.
    /// </summary>
    public static readonly FlowFormat GcpBoth = new("gcp-both", "gcp", "json", HasVerdict: false, HasL7: false);
    public static readonly FlowFormat Csv = new("csv", "csv", "csv", HasVerdict: true, HasL7: false);

    public static IReadOnlyList<FlowFormat> All { get; } = [Hubble, VpcV2, VpcV5, VpcEni, Gcp, GcpBoth, Csv];

    /// <summary>The formats that show L3/L4 the same way and must yield the same L3/L4 alerts.</summary>
    public static IReadOnlyList<FlowFormat> WithVerdict { get; } = [Hubble, VpcV2, VpcV5, VpcEni, Csv];

    public static FlowFormat ById(string id) => All.Single(f => f.Id == id);

    /// <summary>The flow file's name for a day ("day2" is the checked traffic, "day1" the baseline's).</summary>
    public string FileName(string day) => $"{day}.{Id}.{Extension}";

    public override string ToString() => Id;
}
