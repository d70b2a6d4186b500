using System.Text;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Runs alone, so that the heap it measures is its own.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MemoryBoundCollection;

/// <summary>Reading a stream far larger than memory keeps memory bounded: nothing is kept per record or per line.</summary>
[Collection(nameof(MemoryBoundCollection))]
public sealed class MemoryBoundTests
{
    private const long OneGiB = 1L << 30;
    private const long Limit = 200L << 20;

    [Fact]
    public void A_generated_GiB_of_Hubble_flows_is_read_in_bounded_memory()
    {
        var block = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            block.Append("{\"flow\":{\"time\":\"2024-03-01T10:").Append((i / 60 % 60).ToString("00", null)).Append(':').Append((i % 60).ToString("00", null))
                .Append(".123456789Z\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"10.1.").Append(i % 250).Append('.').Append(i % 7)
                .Append("\",\"destination\":\"10.2.0.").Append(i % 200).Append("\"},\"l4\":{\"TCP\":{\"source_port\":").Append(30000 + i)
                .Append(",\"destination_port\":8080}},\"source\":{\"identity\":").Append(i % 40).Append(",\"namespace\":\"ns-").Append(i % 40)
                .Append("\",\"labels\":[\"k8s:app=a").Append(i % 40).Append("\"],\"pod_name\":\"pod-").Append(i % 300)
                .Append("\"},\"is_reply\":false},\"node_name\":\"node-").Append(i % 5).Append("\",\"time\":\"2024-03-01T10:00:00Z\"}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(block.ToString());
        // Live memory after a full collection: what the reader holds, whatever garbage the GC's budget or other tests leave about.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var diagnostics = new ReadDiagnostics();
        using var source = InputSource.FromStream("generated", new GeneratedStream(bytes, OneGiB));
        long records = 0, maxLive = 0;
        foreach (var record in new HubbleReader().Read(source, diagnostics))
        {
            if (++records % 200_000 != 0)
                continue;
            maxLive = Math.Max(maxLive, GC.GetTotalMemory(forceFullCollection: true) - before);
            Assert.Equal(FlowFormat.Hubble, record.Format);
        }
        Assert.True(records > OneGiB / bytes.Length * 2000 - 2000, $"{records} records");
        Assert.True(diagnostics.Malformed <= 1, "only the line cut by the end of the stream may be malformed");
        Assert.True(maxLive < Limit, $"live memory grew by {maxLive >> 20} MiB");
    }
}
