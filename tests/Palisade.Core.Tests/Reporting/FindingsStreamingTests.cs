using System.Text.Json;
using Palisade.Findings;
using Palisade.Model;
using Palisade.Reporting;
using Palisade.Reporting.Findings;

namespace Palisade.Core.Tests.Reporting;

/// <summary>
/// A long findings report goes out in pieces as it is written: held whole, a dense cluster's report (megabytes) grew
/// buffers on the large-object heap, each of which could start a full collection of the heap that holds the cluster.
/// </summary>
public sealed class FindingsStreamingTests
{
    private static FindingsResult Many(int count)
    {
        var rule = new RuleInfo("PAL105", "workload-not-isolated-egress", "Workload can connect anywhere", Severity.High, "coverage", "why");
        var findings = Enumerable.Range(0, count)
            .Select(i => new Finding(rule, new ResourceRef("Deployment", $"team-{i % 50}", $"app-{i}"), $"app-{i} can reach the internet ✓", "add a policy"))
            .ToArray();
        return new FindingsResult("lint", [rule], findings, 0);
    }

    [Fact]
    public void The_json_report_is_written_in_pieces_and_holds_every_finding()
    {
        var output = new LargestWrite();
        FindingsJson.Write(Many(5_000), output);

        Assert.True(output.Total > 20 * JsonOutput.FlushSize, "the report must be many pieces long");
        Assert.InRange(output.Largest, 1, 2 * JsonOutput.FlushSize);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal(5_000, document.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal("app-4999 can reach the internet ✓", document.RootElement.GetProperty("findings")[4_999].GetProperty("message").GetString());
    }

    [Fact]
    public void The_sarif_report_is_written_in_pieces_and_holds_every_result()
    {
        var output = new LargestWrite();
        FindingsSarif.Write(Many(5_000), OutputContext.None, output);

        Assert.True(output.Total > 20 * JsonOutput.FlushSize, "the report must be many pieces long");
        Assert.InRange(output.Largest, 1, 2 * JsonOutput.FlushSize);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal(5_000, document.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    /// <summary>A string writer that remembers the longest text handed to it at once.</summary>
    private sealed class LargestWrite : StringWriter
    {
        public int Largest { get; private set; }

        public int Total { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            (Largest, Total) = (Math.Max(Largest, count), Total + count);
            base.Write(buffer, index, count);
        }
    }
}
