namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>
/// VPC flow log lines shared by the reader tests: the version 2 header and the examples of the AWS documentation
/// (flow-logs-records-examples).
/// </summary>
internal static class VpcExamples
{
    /// <summary>The header of the default (version 2) format.</summary>
    public const string Header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

    /// <summary>SSH accepted.</summary>
    public const string Accepted = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    /// <summary>RDP rejected.</summary>
    public const string Rejected = "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK";

    /// <summary>A capture window without traffic.</summary>
    public const string NoData = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA";

    /// <summary>A capture window whose records were skipped.</summary>
    public const string SkipData = "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA";
}
