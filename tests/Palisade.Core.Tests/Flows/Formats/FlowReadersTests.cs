using System.Text;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Model;
using Palisade.Testing;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>The reader lookup, format detection, gzip, standard input and reading several files as one stream in time order.</summary>
public sealed class FlowReadersTests
{
    private const string Hubble = """{"flow":{"time":"2024-03-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}},"node_name":"n","time":"2024-03-01T10:00:00Z"}""";
    private const string BareHubble = """{"time":"2024-03-01T10:00:00Z","verdict":"DROPPED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}""";
    private const string Gcp = """{"insertId":"1","jsonPayload":{"connection":{"src_ip":"10.0.0.1","dest_ip":"10.0.0.2"},"start_time":"2024-03-01T10:00:00Z"}}""";
    private const string Csv = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-03-01T10:00:00Z,10.0.0.1,1,10.0.0.2,2,TCP,3,FORWARDED\n";
    private const string VpcDefault = "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 1709287200 1709287260 ACCEPT OK\n";
    private const string VpcHeader = VpcExamples.Header + "\n" + VpcDefault;

    public static TheoryData<string, FlowFormat> Samples => new()
    {
        { Hubble, FlowFormat.Hubble },
        { BareHubble, FlowFormat.Hubble },
        { "\uFEFF\n\n  " + Hubble, FlowFormat.Hubble },
        { """{"lost_events":{"num_events_lost":"3"}}""" + "\n" + Hubble, FlowFormat.Hubble },
        { "not json at all\n" + Hubble, FlowFormat.Hubble },
        { "[" + BareHubble + "]", FlowFormat.Hubble },
        { Gcp, FlowFormat.Gcp },
        { "[\n  {\n    \"insertId\": \"1\",\n    \"jsonPayload\": {\n      \"connection\": {}\n    }\n  }\n]\n", FlowFormat.Gcp },
        { """{"connection":{"src_ip":"10.0.0.1"},"start_time":"2024-03-01T10:00:00Z"}""", FlowFormat.Gcp },
        { Csv, FlowFormat.Csv },
        { "\"time\",\"dst_ip\",\"src_ip\"\n", FlowFormat.Csv },
        { "Time,Src_IP,Dst_IP,Extra\r\n", FlowFormat.Csv },
        { "2024-05-01T12:00:00Z,10.1.0.7,41000,10.2.0.9,5432,6,120,DROPPED\n", FlowFormat.Csv },
        { VpcDefault, FlowFormat.Vpc },
        { VpcHeader, FlowFormat.Vpc },
        { "srcaddr dstaddr start action\n10.0.0.1 10.0.0.2 1709287200 ACCEPT\n", FlowFormat.Vpc },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_format_is_detected(string text, FlowFormat format)
    {
        using var source = FlowInput.Source(text);
        Assert.Equal(format, FlowReaders.Detect(source));
    }

    [Theory]
    [InlineData("hello world\n")]
    [InlineData("{\"kind\":\"NetworkPolicy\",\"apiVersion\":\"networking.k8s.io/v1\"}\n")]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("2 123456789010 eni-1 10.0.0.1\n")]
    public void Unknown_content_is_a_clear_error_naming_the_file_and_the_formats_tried(string text)
    {
        using var source = FlowInput.Source(text, "capture.log");
        var error = Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source));
        Assert.StartsWith("capture.log: ", error.Message, StringComparison.Ordinal);
        foreach (var tried in new[] { "Hubble", "GCP", "CSV", "VPC" })
            Assert.Contains(tried, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audit_log_given_among_the_flow_files_is_named_as_such()
    {
        // 'flows check f.json --audit a.log b.log' leaves b.log among the flow files.
        using var source = FlowInput.Source("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"1\"}\n", "b.log");
        var error = Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source));
        Assert.Equal("b.log: is a Kubernetes audit log, not flows: give each audit log with its own --audit", error.Message);
    }

    [Fact]
    public void A_baseline_given_among_the_flow_files_is_named_as_such()
    {
        // 'flows check --baseline base.json day2.json today.json' leaves day2.json among the flow files, and so does
        // 'flows check today.json base.json'.
        using var source = FlowInput.Source("{\n  \"kind\": \"PalisadeFlowBaseline\",\n  \"version\": 1,\n  \"edges\": []\n}\n", "base.json");
        var error = Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source));
        Assert.Equal("base.json: is a flow baseline, not flows: give each baseline with its own --baseline", error.Message);
    }

    [Fact]
    public void Empty_content_cannot_be_detected_but_reads_as_no_records()
    {
        using (var source = FlowInput.Source(" \n"))
            Assert.Contains("is empty", Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source)).Message, StringComparison.Ordinal);
        using var stdin = new MemoryStream([]);
        Assert.Empty(FlowReaders.Read(["-"], null, new ReadDiagnostics(), stdin));
    }

    [Fact]
    public void A_corrupt_gzip_file_is_not_taken_for_an_empty_one()
    {
        byte[] corrupt = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef];
        using (var source = FlowInput.Source(corrupt, "bad.gz"))
            Assert.Contains("bad.gz: compressed data is corrupt", Assert.Throws<InvalidInputException>(() => FlowReaders.Detect(source)).Message, StringComparison.Ordinal);
        var diagnostics = new ReadDiagnostics();
        using var stdin = new MemoryStream(corrupt);
        var error = Assert.Throws<InvalidInputException>(() => FlowReaders.Read(["-"], null, diagnostics, stdin).ToList());
        Assert.StartsWith("-: no flow record could be read: 1 malformed; the first: -:1: compressed data is corrupt", error.Message, StringComparison.Ordinal);
        using var temp = new Palisade.Testing.TempDirectory();
        var good = temp.File("good.csv");
        File.WriteAllText(good, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.0.0.1,1,10.0.0.2,80,TCP,1,FORWARDED\n");
        using var withGood = new MemoryStream(corrupt);
        Assert.Single(FlowReaders.Read(["-", good], null, diagnostics, withGood));
        Assert.Contains(diagnostics.Warnings, w => w.StartsWith("-:1: compressed data is corrupt", StringComparison.Ordinal));
    }

    [Fact]
    public void For_gives_the_reader_of_each_format()
    {
        foreach (var format in Enum.GetValues<FlowFormat>())
            Assert.Equal(format, FlowReaders.For(format).Format);
        Assert.Equal(4, FlowReaders.All.Count);
    }

    [Theory]
    [InlineData(Hubble, FlowFormat.Hubble)]
    [InlineData(Gcp, FlowFormat.Gcp)]
    [InlineData(Csv, FlowFormat.Csv)]
    [InlineData(VpcHeader, FlowFormat.Vpc)]
    public void Gzip_is_undone_for_detection_and_reading(string text, FlowFormat format)
    {
        using var source = FlowInput.Source(FlowInput.Gzip(text), "flows.gz");
        Assert.Equal(format, FlowReaders.Detect(source));
        var record = Assert.Single(FlowReaders.For(format).Read(source, new ReadDiagnostics(strict: true)));
        Assert.Equal(format, record.Format);
        Assert.Equal("flows.gz", record.Location!.File);
    }

    [Fact]
    public void A_dash_reads_standard_input_detected_and_gzipped()
    {
        using var stdin = new MemoryStream(FlowInput.Gzip(VpcDefault + VpcDefault));
        var records = FlowReaders.Read(["-"], null, new ReadDiagnostics(strict: true), stdin).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("-", r.Location!.File));
    }

    [Theory]
    [InlineData(Hubble + "\n", FlowFormat.Hubble)]
    [InlineData(Csv, FlowFormat.Csv)]
    [InlineData(VpcHeader, FlowFormat.Vpc)]
    [InlineData("[\n  {\n    \"insertId\": \"1\",\n    \"jsonPayload\": {\"connection\": {\"src_ip\": \"10.0.0.1\", \"dest_ip\": \"10.0.0.2\"}, \"start_time\": \"2024-03-01T10:00:00Z\"}\n  },\n", FlowFormat.Gcp)]
    public void Standard_input_hands_over_its_first_record_before_more_input_comes(string first, FlowFormat format)
    {
        // A live stream (hubble observe -f on a quiet cluster) may give a few hundred bytes and then nothing for minutes:
        // its first records must not wait for kilobytes more to detect the format. The stream gives the rest only once the
        // first record is out; a reader that waits for more first times out and fails.
        var handedOver = new ManualResetEventSlim();
        using var input = new HeldStream(Encoding.UTF8.GetBytes(first), handedOver);
        var records = new List<FlowRecord>();
        foreach (var record in FlowReaders.Read(["-"], null, new ReadDiagnostics(), input))
        {
            records.Add(record);
            handedOver.Set();
        }
        Assert.Equal(format, records[0].Format);
        Assert.Equal("10.0.0.2", records[0].Destination?.ToString());
    }

    [Fact]
    public void Files_are_read_each_in_its_own_format_ties_in_file_order_and_a_missing_one_fails_before_any_record()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-flows-");
        try
        {
            var hubble = Write(directory, "a.json", Hubble + "\n" + BareHubble + "\n");
            var csv = Write(directory, "b.csv", Csv);
            var vpc = Path.Combine(directory.FullName, "c.log.gz");
            File.WriteAllBytes(vpc, FlowInput.Gzip(VpcHeader));
            var formats = FlowReaders.Read([hubble, csv, vpc], null, new ReadDiagnostics(strict: true))
                .Select(r => (r.Format, Path.GetFileName(r.Location!.File), r.Location.Line));
            Assert.Equal([(FlowFormat.Hubble, "a.json", 1), (FlowFormat.Hubble, "a.json", 2), (FlowFormat.Csv, "b.csv", 2), (FlowFormat.Vpc, "c.log.gz", 2)], formats);
            var missing = Path.Combine(directory.FullName, "missing.json");
            using var enumerator = FlowReaders.Read([hubble, missing], null, new ReadDiagnostics(strict: true)).GetEnumerator();
            var error = Assert.Throws<InvalidInputException>(() => enumerator.MoveNext());
            Assert.Contains("missing.json: no such file", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Several_files_are_taken_in_time_order_each_in_its_own_order_and_standard_input_after_the_files()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-flows-");
        try
        {
            const string header = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n";
            static string Line(int second, int port) => $"2024-03-01T10:00:{second:00}Z,10.0.0.1,{port},10.0.0.2,80,TCP,1,FORWARDED\n";
            var node1 = Write(directory, "node1.csv", header + Line(0, 1) + Line(10, 2) + Line(20, 3));
            var node2 = Write(directory, "node2.csv", header + Line(5, 4) + Line(15, 5));
            Assert.Equal([1, 4, 2, 5, 3], FlowReaders.Read([node1, node2], null, new ReadDiagnostics()).Select(r => r.SourcePort));
            using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(header + Line(1, 6)));
            Assert.Equal([1, 2, 3, 6], FlowReaders.Read([node1, "-"], null, new ReadDiagnostics(), stdin).Select(r => r.SourcePort));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_given_format_is_used_without_detection()
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("garbage\n" + VpcDefault));
        var diagnostics = new ReadDiagnostics();
        Assert.Single(FlowReaders.Read(["-"], FlowFormat.Vpc, diagnostics, stdin));
        Assert.Equal(1, diagnostics.Malformed);
    }

    private static string Write(DirectoryInfo directory, string name, string text)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
