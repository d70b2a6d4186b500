using System.Text;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>Input meant to break the readers: malformed lines, huge lines, deep nesting, binary garbage.</summary>
public sealed class HostileInputTests
{
    private const string Hubble = """{"flow":{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}}""";
    private const string Csv = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-03-01T10:00:00Z,10.0.0.1,1,10.0.0.2,2,TCP,3,FORWARDED";
    private const string Vpc = "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1709287200 1709287260 ACCEPT OK";
    private const string Gcp = """{"jsonPayload":{"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2"},"start_time":"2024-03-01T10:00:00Z"}}""";

    private const string Structural = "{}[]\",:0-9\\ \t";

    public static TheoryData<FlowFormat, string> Formats => new()
    {
        { FlowFormat.Hubble, Hubble },
        { FlowFormat.Csv, Csv },
        { FlowFormat.Vpc, Vpc },
        { FlowFormat.Gcp, Gcp },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_malformed_line_is_skipped_and_counted_with_its_location(FlowFormat format, string valid)
    {
        var text = valid + "\n{{{ not a flow ,,, \"\n" + LastLine(valid);
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(format, text, diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal(1, diagnostics.Malformed);
        var line = valid.Count(c => c == '\n') + 2;
        Assert.StartsWith($"flows.txt:{line}: ", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Strict_mode_stops_at_the_first_malformed_line_naming_it(FlowFormat format, string valid)
    {
        var text = valid + "\n{{{ not a flow ,,, \"\n" + LastLine(valid);
        var error = Assert.Throws<InvalidInputException>(() => FlowInput.Read(format, text, new ReadDiagnostics(strict: true)));
        Assert.Equal(new SourceLocation("flows.txt", valid.Count(c => c == '\n') + 2), error.Location);
        Assert.StartsWith($"flows.txt:{error.Location!.Line}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_5_MiB_line_is_reported_and_the_next_lines_are_read(FlowFormat format, string valid)
    {
        var huge = new string('x', 5 << 20);
        var text = valid + "\n" + huge + "\n" + LastLine(valid) + "\n";
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(format, text, diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.Contains("longer than 1 MiB", diagnostics.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_5_MiB_object_in_a_JSON_array_is_reported_and_the_next_entries_are_read()
    {
        var huge = $$$"""{"jsonPayload":{"padding":"{{{new string('}', 5 << 20)}}}"}}""";
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Gcp, $"[\n{Gcp},\n{huge},\n{Gcp}\n]", diagnostics);
        Assert.Equal([2, 4], records.Select(r => r.Location!.Line));
        Assert.StartsWith("flows.txt:3: JSON object longer than 1 MiB", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FlowFormat.Hubble, "")]
    [InlineData(FlowFormat.Gcp, "")]
    [InlineData(FlowFormat.Gcp, "[\n")]
    public void Nesting_10000_levels_deep_is_malformed_not_a_crash(FlowFormat format, string prefix)
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        var deepArray = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        var valid = format == FlowFormat.Hubble ? Hubble : Gcp;
        var separator = prefix.Length > 0 ? ",\n" : "\n";
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(format, prefix + deep + separator + deepArray + separator + valid + (prefix.Length > 0 ? "\n]" : ""), diagnostics);
        Assert.Single(records);
        Assert.Equal(2, diagnostics.Malformed);
        Assert.All(diagnostics.Warnings, w => Assert.Contains("depth", w, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FlowFormat.Hubble)]
    [InlineData(FlowFormat.Gcp)]
    [InlineData(FlowFormat.Csv)]
    [InlineData(FlowFormat.Vpc)]
    public void Random_binary_garbage_is_all_malformed(FlowFormat format)
    {
        var random = new Random(format.GetHashCode());
        foreach (var length in new[] { 1, 100, 10_000, 3 << 20 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var diagnostics = new ReadDiagnostics(maxWarnings: 5);
            using var source = FlowInput.Source(bytes);
            Assert.Empty(FlowReaders.For(format).Read(source, diagnostics));
            Assert.True(diagnostics.Malformed > 0 || bytes.All(b => b is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t'));
            Assert.True(diagnostics.Warnings.Count <= 6);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_records_never_throw(FlowFormat format, string valid)
    {
        var random = new Random(11);
        var original = Encoding.UTF8.GetBytes(valid);
        var text = new MemoryStream();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                var at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch { 0 => (byte)random.Next(256), 1 => (byte)Structural[random.Next(Structural.Length)], _ => bytes[random.Next(bytes.Length)] };
            }
            text.Write(bytes, 0, random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length));
            text.WriteByte((byte)'\n');
        }
        var diagnostics = new ReadDiagnostics();
        using var source = FlowInput.Source(text.ToArray());
        var records = FlowReaders.For(format).Read(source, diagnostics).ToList();
        Assert.True(records.Count + diagnostics.Malformed + diagnostics.Skipped > 0);
        Assert.All(records, r => Assert.Equal(format, r.Format));
    }

    [Fact]
    public void Random_garbage_is_not_detected_as_any_format()
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        using var source = FlowInput.Source(bytes, "noise.bin");
        Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_corrupt_gzip_stream_is_one_malformed_record_after_the_good_ones(FlowFormat format, string valid)
    {
        var text = valid + string.Concat(Enumerable.Repeat("\n" + LastLine(valid), 20_000));
        var gzip = FlowInput.Gzip(text);
        gzip[^8] ^= 0xFF; // the CRC-32 of the trailer: every block inflates, the check fails at the end
        var diagnostics = new ReadDiagnostics();
        using var source = FlowInput.Source(gzip, "flows.gz");
        var count = FlowReaders.For(format).Read(source, diagnostics).Count();
        Assert.True(count > 100, $"{count} records before the corruption");
        Assert.Contains("compressed data is corrupt, rest of the file skipped", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"2024-03-01T10:00:00Z\"", null)]
    [InlineData("\"\\u0032024-03-01T10:00:00Z\"", null)]
    [InlineData("\"2024-02-30T10:00:00Z\"", "invalid time")]
    [InlineData("\"\\ud800\"", "invalid")]
    public void Escapes_and_impossible_dates_in_strings(string time, string? problem)
    {
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Hubble, Hubble.Replace("\"2024-03-01T10:00:00Z\"", time, StringComparison.Ordinal), diagnostics);
        Assert.Equal(problem is null ? 1 : 0, records.Count);
        if (problem is not null)
            Assert.Contains(problem, Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    private static string LastLine(string text) => text[(text.LastIndexOf('\n') + 1)..];
}
