using System.Diagnostics;
using System.Text;
using Palisade.Audit.Events;
using Palisade.Input;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>A 1 GiB stream, generated as it is read, goes through in bounded memory.</summary>
[Collection(nameof(MemoryMeasuring))]
public sealed class BoundedMemoryTests
{
    private const long OneGiB = 1L << 30;
    private const long MemoryBound = 200L * 1024 * 1024;

    [Fact]
    public void A_1_GiB_stream_of_batches_overlong_lines_and_garbage_is_read_in_bounded_memory()
    {
        using var stream = new HostileStream(OneGiB, CorpusLine("exec_pod.json"));
        var diagnostics = new ReadDiagnostics();
        var reader = new AuditEventReader();
        var watch = Stopwatch.StartNew();
        long events = 0;
        using (var source = InputSource.FromStream("generated.log", stream))
        {
            foreach (var e in reader.Read(source, diagnostics))
            {
                if (++events % 65536 == 0)
                    stream.Sample();
            }
        }
        Assert.Equal(OneGiB, stream.Produced);
        Assert.Equal(stream.EventsWritten, events);
        Assert.Equal(stream.EventsWritten, reader.EventsRead);
        Assert.Equal(stream.MalformedWritten, diagnostics.Malformed);
        Assert.True(stream.PeakManagedBytes < MemoryBound, $"peak managed memory {stream.PeakManagedBytes / (1 << 20)} MiB");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    /// <summary>
    /// Cycles of: an EventList of 4,000 events (pretty enough to span lines), one 100 MiB line (over the
    /// 64 MiB limit), a line of garbage; cut at exactly <c>length</c> bytes. It samples the process's managed
    /// memory as it is read.
    /// </summary>
    private sealed class HostileStream(long length, string eventLine) : Palisade.Input.ReadOnlyStream
    {
        private const int BatchSize = 4000;
        private const int OverlongBytes = 100 << 20;

        private readonly byte[] _batch = Encoding.UTF8.GetBytes(
            "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[\n" + string.Join(",\n", Enumerable.Repeat(eventLine, BatchSize)) + "\n]}\n");
        private readonly byte[] _overlongStart = Encoding.UTF8.GetBytes("{\"kind\":\"Event\",\"requestObject\":\"");
        private readonly byte[] _garbage = Encoding.UTF8.GetBytes("\u0001\u0002 not json at all }}}]]\n");
        private long _cycleOffset;
        private int _reads;

        private long CycleLength => _batch.Length + OverlongBytes + _garbage.Length;

        public long Produced { get; private set; }
        public long PeakManagedBytes { get; private set; }
        private long Remainder => length % CycleLength;
        public long Cycles => length / CycleLength;
        public long EventsWritten => (Cycles + (Remainder >= _batch.Length ? 1 : 0)) * BatchSize;

        /// <summary>Two a cycle, and the overlong line and garbage of the cut cycle as far as they got.</summary>
        public long MalformedWritten => 2 * Cycles + (Remainder > _batch.Length ? 1 : 0) + (Remainder > _batch.Length + OverlongBytes ? 1 : 0);

        /// <summary>Live memory after a full collection: what the reader holds, whatever garbage earlier tests or the GC's budget leave about.</summary>
        public void Sample() => PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(forceFullCollection: true));

        public override int Read(Span<byte> buffer)
        {
            if (++_reads % 4096 == 0)
                Sample();
            var n = (int)Math.Min(buffer.Length, length - Produced);
            for (var written = 0; written < n;)
                written += Fill(buffer[written..n]);
            Produced += n;
            return n;
        }

        /// <summary>Writes the next bytes of the cycle.</summary>
        private int Fill(Span<byte> target)
        {
            var n = Piece(_cycleOffset, target);
            _cycleOffset = (_cycleOffset + n) % CycleLength;
            return n;
        }

        private int Piece(long at, Span<byte> target)
        {
            if (at < _batch.Length)
                return Copy(_batch.AsSpan((int)at), target);
            at -= _batch.Length;
            if (at < OverlongBytes)
            {
                if (at < _overlongStart.Length)
                    return Copy(_overlongStart.AsSpan((int)at), target);
                var run = (int)Math.Min(target.Length, OverlongBytes - 1 - at);
                if (run == 0)
                {
                    target[0] = (byte)'\n';
                    return 1;
                }
                target[..run].Fill((byte)'x');
                return run;
            }
            return Copy(_garbage.AsSpan((int)(at - OverlongBytes)), target);
        }

        private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
        {
            var n = Math.Min(source.Length, target.Length);
            source[..n].CopyTo(target);
            return n;
        }
    }
}
