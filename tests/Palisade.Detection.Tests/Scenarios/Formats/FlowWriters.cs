namespace Palisade.Detection.Tests.Scenarios.Formats;

/// <summary>The writer for each format.</summary>
public static class FlowWriters
{
    public static IFlowWriter For(FlowFormat format) => format.Id switch
    {
        "hubble" => new HubbleWriter(),
        "vpc-v2" => new VpcWriter(FlowFormat.VpcV2),
        "vpc-v5" => new VpcWriter(FlowFormat.VpcV5),
        "vpc-eni" => new VpcWriter(FlowFormat.VpcEni),
        "gcp" => new GcpWriter(FlowFormat.Gcp),
        "gcp-both" => new GcpWriter(FlowFormat.GcpBoth),
        "csv" => new CsvWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format.Id, "unknown format"),
    };
}
