using System.Globalization;
using System.Text.Json;
using Palisade.Detection.Tests.Scenarios.Formats;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// A record read back from a written flow file, by a reader written for these tests only: what a consumer of
/// the file would see, to check the files say what the labels assume.
/// </summary>
public sealed record WrittenRecord(DateTimeOffset Time, string Src, int SrcPort, string Dst, int DstPort, string Protocol, string? Verdict, bool? HubbleReply, string? Extra)
{
    public (string, int, string, int, string) Tuple => (Src, SrcPort, Dst, DstPort, Protocol);

    public static IReadOnlyList<WrittenRecord> Read(FlowFormat format, string text) => format.Id switch
    {
        "hubble" => [.. Lines(text).Select(Hubble)],
        "vpc-v2" or "vpc-v5" or "vpc-eni" => Vpc(text),
        "gcp" or "gcp-both" => [.. Lines(text).Select(Gcp)],
        "csv" => Csv(text),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static WrittenRecord Hubble(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var flow = root.GetProperty("flow");
        if (flow.GetProperty("time").GetString() != root.GetProperty("time").GetString())
            throw new FormatException("flow.time and time differ: " + line);
        var l4 = flow.GetProperty("l4");
        var (protocol, ports) = l4.TryGetProperty("TCP", out var tcp) ? ("TCP", tcp) : l4.TryGetProperty("ICMPv4", out var icmp) ? ("ICMP", icmp) : ("UDP", l4.GetProperty("UDP"));
        // The L7 proxy's own connection: a workload's identity on an address no pod holds (no pod name).
        var proxy = flow.GetProperty("source") is var source && !source.TryGetProperty("pod_name", out _)
            && source.TryGetProperty("identity", out var identity) && identity.GetInt64() >= 256;
        string? extra = flow.TryGetProperty("drop_reason_desc", out var reason) ? reason.GetString() : proxy ? "PROXY" : flow.GetProperty("Type").GetString();
        return new WrittenRecord(ParseTime(flow.GetProperty("time").GetString()!), flow.GetProperty("IP").GetProperty("source").GetString()!, Port(ports, "source_port"),
            flow.GetProperty("IP").GetProperty("destination").GetString()!, Port(ports, "destination_port"), protocol,
            flow.GetProperty("verdict").GetString(), flow.TryGetProperty("is_reply", out var reply) ? reply.GetBoolean() : null, extra);
    }

    private static List<WrittenRecord> Vpc(string text)
    {
        var lines = Lines(text).ToList();
        var header = lines[0].Split(' ');
        int At(string field) => Array.IndexOf(header, field);
        var result = new List<WrittenRecord>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ');
            if (f.Length != header.Length)
                throw new FormatException($"{f.Length} fields, header has {header.Length}: {line}");
            var extra = At("tcp-flags") >= 0 ? $"{f[At("flow-direction")]} {f[At("tcp-flags")]} {f[At("pkt-srcaddr")]} {f[At("pkt-dstaddr")]}" : null;
            result.Add(new WrittenRecord(DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[At("start")], CultureInfo.InvariantCulture)),
                f[At(At("pkt-srcaddr") >= 0 ? "pkt-srcaddr" : "srcaddr")], int.Parse(f[At("srcport")], CultureInfo.InvariantCulture),
                f[At(At("pkt-dstaddr") >= 0 ? "pkt-dstaddr" : "dstaddr")], int.Parse(f[At("dstport")], CultureInfo.InvariantCulture),
                ProtocolOf(f[At("protocol")]), f[At("action")], null, extra));
        }
        return result;
    }

    private static WrittenRecord Gcp(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var payload = doc.RootElement.GetProperty("jsonPayload");
        var c = payload.GetProperty("connection");
        return new WrittenRecord(ParseTime(payload.GetProperty("start_time").GetString()!), c.GetProperty("src_ip").GetString()!, Port(c, "src_port"),
            c.GetProperty("dest_ip").GetString()!, Port(c, "dest_port"), ProtocolOf(c.GetProperty("protocol").GetInt32().ToString(CultureInfo.InvariantCulture)),
            null, null, payload.GetProperty("reporter").GetString());
    }

    private static List<WrittenRecord> Csv(string text)
    {
        var lines = Lines(text).ToList();
        if (lines[0] != CsvWriter.Header)
            throw new FormatException("CSV header: " + lines[0]);
        return
        [
            .. lines.Skip(1).Select(l => l.Split(',')).Select(f => new WrittenRecord(ParseTime(f[0]), f[1], int.Parse(f[2], CultureInfo.InvariantCulture), f[3],
                int.Parse(f[4], CultureInfo.InvariantCulture), ProtocolOf(f[5]), f[7], null, f[5])),
        ];
    }

    /// <summary>A port, 0 when the record leaves it out (ICMP).</summary>
    private static int Port(JsonElement ports, string name) => ports.TryGetProperty(name, out var port) ? port.GetInt32() : 0;

    private static string ProtocolOf(string text) => text switch
    {
        "TCP" or "6" => "TCP",
        "UDP" or "17" => "UDP",
        "ICMP" or "1" => "ICMP",
        _ => throw new FormatException("protocol " + text),
    };

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
