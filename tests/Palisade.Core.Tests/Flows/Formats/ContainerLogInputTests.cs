using System.Text.Json;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Hubble JSON captured from a container's log: the runtime's (CRI) lines, Docker's json-file records, kubectl's timestamps.</summary>
public sealed class ContainerLogInputTests
{
    private const string Bare = """{"time":"2024-03-01T10:00:00.123456789Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"TCP":{"source_port":40000,"destination_port":8080}}}""";

    private static string Other(int port) => Bare.Replace("8080", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A json-file record of <paramref name="log"/> as Docker writes it, one a line.</summary>
    private static string Docker(string log, string stream = "stdout") =>
        $$"""{"log":{{JsonSerializer.Serialize(log)}},"stream":"{{stream}}","time":"2026-01-01T00:00:00.123456789Z"}""";

    [Fact]
    public void Parts_of_a_line_the_runtime_split_are_joined_into_one_flow_at_the_first_parts_line()
    {
        var text = $"2026-01-01T00:00:00.123456789Z stdout P {Bare[..50]}\n2026-01-01T00:00:00.123456789Z stdout P {Bare[50..120]}\n"
            + $"2026-01-01T00:00:00.123456789Z stdout F {Bare[120..]}\n2026-01-01T00:00:01Z stdout F {Other(9090)}\n";
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var records = FlowInput.Read(FlowFormat.Hubble, text, new ReadDiagnostics(strict: true));
        Assert.Equal([8080, 9090], records.Select(r => r.DestinationPort));
        Assert.Equal([1, 4], records.Select(r => r.Location!.Line));
    }

    [Fact]
    public void Lines_of_the_other_stream_between_parts_are_skipped()
    {
        var text = $"2026-01-01T00:00:00Z stdout P {Bare[..50]}\n2026-01-01T00:00:00Z stderr F level=warn msg=slow\n2026-01-01T00:00:00Z stdout F {Bare[50..]}\n";
        var diagnostics = new ReadDiagnostics();
        var record = Assert.Single(FlowInput.Read(FlowFormat.Hubble, text, diagnostics));
        Assert.Equal(8080, record.DestinationPort);
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void Parts_never_finished_are_malformed_at_the_first_part_and_an_error_when_strict()
    {
        var text = $"{Other(9090)}\n2026-01-01T00:00:00Z stdout P {Bare[..50]}\n2026-01-01T00:00:00Z stdout P {Bare[50..120]}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([9090], FlowInput.Read(FlowFormat.Hubble, text, diagnostics).Select(r => r.DestinationPort));
        Assert.Equal(1L, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:2: a container log line split in parts (P) ends without its last part (F)", diagnostics.Warnings[0], StringComparison.Ordinal);
        var error = Assert.Throws<Palisade.InvalidInputException>(() => FlowInput.Read(FlowFormat.Hubble, text, new ReadDiagnostics(strict: true)));
        Assert.StartsWith("flows.txt:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_followed_by_a_line_that_is_no_part_are_malformed_and_that_line_is_read()
    {
        var text = $"2026-01-01T00:00:00Z stdout P {Bare[..50]}\n{Other(9090)}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Equal([9090], FlowInput.Read(FlowFormat.Hubble, text, diagnostics).Select(r => r.DestinationPort));
        Assert.Equal(1L, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:1: a container log line split in parts (P)", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_json_file_records_are_detected_and_read()
    {
        var text = $"{Docker(Bare + "\n")}\n{Docker("level=info msg=started\n", "stderr")}\n{Docker(Other(9090) + "\n")}\n";
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Hubble, text, diagnostics);
        Assert.Equal([8080, 9090], records.Select(r => r.DestinationPort));
        Assert.Equal([1, 3], records.Select(r => r.Location!.Line));
        // The program's own text on stderr is no flow and no malformed one.
        Assert.Equal((0L, 1L), (diagnostics.Malformed, diagnostics.Skipped));
    }

    [Fact]
    public void Docker_records_of_a_line_docker_split_are_joined()
    {
        // Docker splits a line over 16 KiB into records whose log does not end with a line feed, up to the one that does.
        var text = $"{Docker(Bare[..50])}\n{Docker(Bare[50..120])}\n{Docker(Bare[120..] + "\n")}\n{Docker(Other(9090) + "\n")}\n";
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var records = FlowInput.Read(FlowFormat.Hubble, text, new ReadDiagnostics(strict: true));
        Assert.Equal([8080, 9090], records.Select(r => r.DestinationPort));
        Assert.Equal([1, 4], records.Select(r => r.Location!.Line));
    }

    [Theory]
    [InlineData("""{"log":42,"stream":"stdout","time":"2026-01-01T00:00:00Z"}""", "flows.txt:2: Docker log record: log is not a string")]
    [InlineData("""{"log":"{\"time\":","stream":"stdout","time":"2026-01-01T00:00:00Z"}""", "flows.txt:2: a Docker log line split in records ends without its last record")]
    [InlineData("""{"log":"{\"ti""", "flows.txt:2: Docker log record: invalid JSON at byte ")]
    public void A_malformed_docker_record_is_reported_at_its_line(string record, string warning)
    {
        var text = $"{Docker(Bare + "\n")}\n{record}\n";
        var diagnostics = new ReadDiagnostics();
        Assert.Single(FlowInput.Read(FlowFormat.Hubble, text, diagnostics));
        Assert.Equal(1L, diagnostics.Malformed);
        Assert.StartsWith(warning, diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Kubectl_timestamps_blank_lines_and_crlf_are_read_plain_and_gzipped()
    {
        var text = $"\r\n2026-01-01T00:00:00.123456789Z {Bare}\r\n\r\n   \r\n2026-01-01T00:00:01.000000000Z {Other(9090)}\r\n";
        foreach (var bytes in new[] { System.Text.Encoding.UTF8.GetBytes(text), FlowInput.Gzip(text) })
        {
            using var source = FlowInput.Source(bytes, "flows.log.gz");
            Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
            var diagnostics = new ReadDiagnostics(strict: true);
            var records = FlowReaders.For(FlowFormat.Hubble).Read(source, diagnostics).ToList();
            Assert.Equal([8080, 9090], records.Select(r => r.DestinationPort));
            Assert.Equal([2, 5], records.Select(r => r.Location!.Line));
        }
    }

    [Fact]
    public void Cri_parts_with_crlf_line_ends_and_gzip_are_joined()
    {
        // A part as long as the runtime's (16 KiB) tells the format; this one does once past "verdict":.
        var text = $"2026-01-01T00:00:00Z stdout P {Bare[..80]}\r\n2026-01-01T00:00:00Z stdout F {Bare[80..]}\r\n";
        using var source = FlowInput.Source(FlowInput.Gzip(text), "hubble.log.gz");
        Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var record = Assert.Single(FlowReaders.For(FlowFormat.Hubble).Read(source, new ReadDiagnostics(strict: true)));
        Assert.Equal(8080, record.DestinationPort);
    }

    [Fact]
    public void Docker_records_with_crlf_line_ends_and_gzip_are_read()
    {
        var text = $"{Docker(Bare[..80])}\r\n{Docker(Bare[80..] + "\r\n")}\r\n";
        using var source = FlowInput.Source(FlowInput.Gzip(text), "container-json.log.gz");
        Assert.Equal(FlowFormat.Hubble, FlowReaders.Detect(source));
        var record = Assert.Single(FlowReaders.For(FlowFormat.Hubble).Read(source, new ReadDiagnostics(strict: true)));
        Assert.Equal(8080, record.DestinationPort);
    }
}
