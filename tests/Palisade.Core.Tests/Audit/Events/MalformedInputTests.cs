using System.IO.Compression;
using System.Text;
using Palisade.Audit.Events;
using Palisade.Input;
using Palisade.Model;
using static Palisade.Core.Tests.Audit.Events.AuditInput;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>Bad and hostile input: reported with file and line, skipped, and never a crash or unbounded memory.</summary>
public sealed class MalformedInputTests
{
    private static string Exec => CorpusLine("exec_pod.json");
    private static string Secret => CorpusLine("create_secret.json");

    private static (List<AuditEvent> Events, ReadDiagnostics Diagnostics) Lenient(string text, int maxValueBytes = AuditEventReader.DefaultMaxValueBytes)
    {
        var diagnostics = new ReadDiagnostics();
        var events = ReadBytes(Encoding.UTF8.GetBytes(text), diagnostics, reader: new AuditEventReader(maxValueBytes));
        return (events, diagnostics);
    }

    [Fact]
    public void Malformed_lines_are_counted_with_file_and_line_and_the_rest_is_read()
    {
        var text = string.Join('\n', Exec, "{\"kind\":\"Event\",", Secret, "this is not JSON", """{"kind":"Pod","apiVersion":"v1"}""", Exec) + "\n";
        var (events, diagnostics) = Lenient(text);
        Assert.Equal(3, events.Count);
        Assert.Equal([1, 3, 6], events.Select(e => e.Location!.Line));
        Assert.Equal(3, diagnostics.Malformed);
        Assert.Collection(diagnostics.Warnings,
            w => Assert.StartsWith("audit.log:2:1: expected a property name (line 3, column 1)", w, StringComparison.Ordinal),
            w => Assert.StartsWith("audit.log:4:1: not a JSON object", w, StringComparison.Ordinal),
            w => Assert.StartsWith("audit.log:5: not an audit event: kind Pod", w, StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_line_loses_only_itself()
    {
        var text = Exec[..(Exec.Length / 2)] + "\n" + Secret + "\n" + Exec[..200] + "\n" + Exec + "\n";
        var (events, diagnostics) = Lenient(text);
        Assert.Equal([2, 4], events.Select(e => e.Location!.Line));
        Assert.Equal(2, diagnostics.Malformed);
        Assert.StartsWith("audit.log:1:", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("audit.log:3:", diagnostics.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_short_in_the_middle_of_a_pretty_printed_value_is_reported_at_its_start()
    {
        var pretty = File.ReadAllText(Fixture("eventlist-pretty.json"));
        var thirdItem = pretty.IndexOf("\"auditID\": \"179a9171", StringComparison.Ordinal);
        var (events, diagnostics) = Lenient(Exec + "\n" + pretty[..thirdItem]);
        // The items before the cut are streamed; the unfinished item (at line 135, one more for the exec line) is the malformed record.
        Assert.Equal(3, events.Count);
        Assert.StartsWith("audit.log:136:9: unterminated JSON value", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_value_on_its_line_makes_the_line_malformed()
    {
        var (events, diagnostics) = Lenient(Exec + " trailing\n" + Secret + "\n");
        Assert.Equal([2], events.Select(e => e.Location!.Line));
        var warning = Assert.Single(diagnostics.Warnings);
        Assert.StartsWith($"audit.log:1:{Exec.Length + 2}: unexpected text after the JSON value", warning, StringComparison.Ordinal);
    }

    /// <summary>The secret creation with an unquoted verb, and the 1-based column of that verb.</summary>
    private static (string Line, int Column) UnquotedVerb()
    {
        const string verb = "\"verb\":";
        var line = Secret.Replace(verb + "\"create\"", verb + "create", StringComparison.Ordinal);
        return (line, line.IndexOf(verb + "create", StringComparison.Ordinal) + verb.Length + 1);
    }

    [Fact]
    public void Invalid_JSON_inside_a_record_is_located_to_the_column()
    {
        var (bad, column) = UnquotedVerb();
        var (events, diagnostics) = Lenient(Exec + "\n" + bad + "\n");
        Assert.Single(events);
        Assert.StartsWith($"audit.log:2:{column}: invalid JSON", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_JSON_in_a_pretty_printed_value_is_located_to_its_line()
    {
        var pretty = File.ReadAllText(Fixture("event-pretty.json")).Replace("\"verb\": \"create\"", "\"verb\": create", StringComparison.Ordinal);
        var line = pretty[..pretty.IndexOf("\"verb\": create", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var (events, diagnostics) = Lenient(pretty + Secret + "\n");
        Assert.Single(events);
        Assert.StartsWith($"audit.log:{line}:", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_reading_stops_at_the_first_malformed_record_with_file_line_and_column()
    {
        var (bad, column) = UnquotedVerb();
        var reader = new AuditEventReader();
        var read = new List<AuditEvent>();
        var error = Assert.Throws<InvalidInputException>(() =>
        {
            using var source = InputSource.FromStream("audit.log", new MemoryStream(Encoding.UTF8.GetBytes(Exec + "\n" + bad + "\n" + Exec)));
            foreach (var e in reader.Read(source, new ReadDiagnostics(strict: true)))
                read.Add(e);
        });
        Assert.Single(read);
        Assert.Equal(new SourceLocation("audit.log", 2, column), error.Location);
    }

    [Fact]
    public void A_5_MiB_line_is_an_ordinary_event()
    {
        var big = Exec.Replace("\"level\":\"Request\"", $"\"level\":\"Request\",\"requestObject\":{{\"data\":\"{new string('x', 5 << 20)}\"}}", StringComparison.Ordinal);
        var (events, diagnostics) = Lenient(big + "\n" + Secret + "\n");
        Assert.Equal(2, events.Count);
        Assert.Equal(5 << 20, events[0].RequestObject!.Value.GetProperty("data").GetString()!.Length);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void A_5_MiB_line_of_garbage_is_one_malformed_record()
    {
        var (events, diagnostics) = Lenient("{\"kind\":\"Event\"," + new string('#', 5 << 20) + "}\n" + Secret + "\n");
        Assert.Single(events);
        Assert.Equal(1, diagnostics.Malformed);
    }

    [Fact]
    public void A_value_over_the_limit_is_skipped_to_the_next_line()
    {
        var huge = "{\"kind\":\"Event\",\"requestObject\":\"" + new string('x', 200_000) + "\"}";
        var (events, diagnostics) = Lenient(huge + "\n" + Secret + "\n", maxValueBytes: 64 * 1024);
        Assert.Single(events);
        Assert.Contains("larger than", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pretty_printed_value_over_the_limit_is_skipped_to_the_next_document()
    {
        var pretty = "{\n  \"kind\": \"Event\",\n" + string.Concat(Enumerable.Repeat("  \"x\": \"" + new string('y', 1000) + "\",\n", 200)) + "  \"z\": 1\n}\n";
        var (events, diagnostics) = Lenient(pretty + Secret + "\n", maxValueBytes: 64 * 1024);
        Assert.Single(events);
        Assert.Equal(1, diagnostics.Malformed);
    }

    [Fact]
    public void Deeply_nested_JSON_is_rejected_without_recursion()
    {
        var deep = "{\"kind\":\"Event\",\"requestObject\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var (events, diagnostics) = Lenient(deep + "\n" + Secret + "\n");
        Assert.Single(events);
        Assert.Contains("deeper than 256", Assert.Single(diagnostics.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read()
    {
        var nested = Exec.Replace("\"level\":\"Request\"", "\"level\":\"Request\",\"requestObject\":" + new string('[', 200) + new string(']', 200), StringComparison.Ordinal);
        var (events, diagnostics) = Lenient(nested + "\n");
        Assert.Single(events);
        Assert.Empty(diagnostics.Warnings);
    }

    [Fact]
    public void Binary_garbage_is_skipped_and_the_log_after_it_read()
    {
        var garbage = new byte[1 << 20];
        new Random(7).NextBytes(garbage);
        var bytes = garbage.Concat(Encoding.UTF8.GetBytes("\n" + Exec + "\n" + Secret + "\n")).ToArray();
        var diagnostics = new ReadDiagnostics(maxWarnings: 5);
        var events = ReadBytes(bytes, diagnostics);
        Assert.Equal(["ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6", "55a81824-ab56-46c5-8b02-96336f5e78d7"], events.Select(e => e.AuditId));
        Assert.True(diagnostics.Malformed >= 1);
        Assert.True(diagnostics.Warnings.Count <= 6);
    }

    [Fact]
    public void Invalid_UTF8_in_strings_does_not_stop_the_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Exec.Replace("minikube-user", "mini\u0001kube", StringComparison.Ordinal) + "\n" + Secret + "\n");
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xFF;
        var diagnostics = new ReadDiagnostics();
        var events = ReadBytes(bytes, diagnostics);
        Assert.Equal(2, events.Count);
        Assert.Equal("mini\uFFFDkube", events[0].User.Username);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_and_ends_the_file()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Exec + "\n", 2000))));
        var bytes = compressed.ToArray();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++)
            bytes[i] ^= 0x5A;
        var diagnostics = new ReadDiagnostics();
        var events = ReadBytes(bytes, diagnostics, "audit.log.gz");
        Assert.True(events.Count < 2000);
        Assert.Contains("corrupt compressed data", diagnostics.Warnings[^1], StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => ReadBytes(bytes, new ReadDiagnostics(strict: true), "audit.log.gz"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t\r\n")]
    public void Empty_input_holds_no_events_and_no_problems(string text)
    {
        var (events, diagnostics) = Lenient(text);
        Assert.Empty(events);
        Assert.Empty(diagnostics.Warnings);
    }

    [Theory]
    [InlineData("42", "not a JSON object")]
    [InlineData("\"Event\"", "not a JSON object")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"items\": [", "unexpected end of input inside an array")]
    [InlineData("{\"kind\":\"Event\"", "unterminated JSON value")]
    [InlineData("{\"kind\":\"Event\"] ", "expected ',' or '}'")]
    [InlineData("{\"kind\":\"Event\",\"user\":{\"groups\":[}]}", "mismatched '}'")]
    [InlineData("[{\"kind\":\"Event\"} {\"kind\":\"Event\"}]", "expected ',' or ']'")]
    [InlineData("{\"kind\":\"Event\",\"verb\":\"get\nx\"}", "line break inside a string")]
    [InlineData("{\"kind\":\"EventList\",\"items\":[{\"kind\":\"EventList\",\"items\":[]}]}", "a list of records inside another list")]
    [InlineData("[{\"kind\":\"EventList\",\"items\":[{\"records\":[]}]}]", "a list of records inside another list")]
    public void Structural_problems_are_named(string text, string problem)
    {
        var (events, diagnostics) = Lenient(text);
        Assert.Empty(events);
        Assert.Contains(diagnostics.Warnings, w => w.Contains(problem, StringComparison.Ordinal));
    }
}
