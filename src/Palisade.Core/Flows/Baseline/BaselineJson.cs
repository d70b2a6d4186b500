using System.Text;
using System.Text.Json;
using Palisade.Flows.Identity;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Flows.Baseline;

/// <summary>
/// A baseline as a file: <c>{"kind": "PalisadeFlowBaseline", "version": 1, "edges": [{"src", "dst", "protocol",
/// "port"}]}</c>, edges sorted so that the same traffic always gives the same file.
/// </summary>
public static class BaselineJson
{
    /// <summary>The document's kind, by which <c>--baseline</c> tells a baseline from a flow file.</summary>
    public const string Kind = "PalisadeFlowBaseline";

    /// <summary>Writes the baseline.</summary>
    public static void Write(FlowBaseline baseline, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("kind", Kind);
        json.WriteNumber("version", 1);
        json.WriteStartArray("edges");
        foreach (var edge in baseline.Edges.Order())
        {
            // A connection of a port protocol recorded without its port (a fragment) is no edge the file can hold.
            if (edge.Port is null && HasPorts(edge.Protocol))
                continue;
            json.WriteStartObject();
            json.WriteString("src", edge.Source);
            json.WriteString("dst", edge.Destination);
            json.WriteString("protocol", edge.Protocol);
            if (edge.Port is { } port)
                json.WriteNumber("port", port);
            else
                json.WriteNull("port");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>Whether the text starts like a baseline document (its first property is the kind).</summary>
    public static bool LooksLikeBaseline(ReadOnlySpan<byte> head) =>
        head.IndexOf("\"kind\""u8) is var at and >= 0 && head[at..].IndexOf(Encoding.UTF8.GetBytes(Kind)) is > 0 and < 64;

    /// <summary>Reads a baseline into <paramref name="into"/>; a malformed document is bad input naming the file.</summary>
    public static void Read(string file, Stream input, FlowBaseline into)
    {
        var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (json.Span.StartsWith("\uFEFF"u8))
            json = json[3..];
        var source = new Source(file, json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || kind.GetString() != Kind)
                throw source.BadProperty("kind", $"not a Palisade flow baseline (kind: {Kind})");
            if (!root.TryGetProperty("edges", out var edges) || edges.ValueKind != JsonValueKind.Array)
                throw source.BadProperty("edges", "missing or not a list");
            var index = 0;
            foreach (var edge in edges.EnumerateArray())
            {
                var read = Edge(source, edge, index);
                // An edge copied whole from an alert lists its ports: one edge each.
                if (edge.TryGetProperty("ports", out var ports) && read.Port is null)
                {
                    foreach (var port in Ports(source, ports, index, HasPorts(read.Protocol)))
                        AddKeyed(into, read with { Port = port });
                }
                else if (read.Port is null && HasPorts(read.Protocol))
                {
                    throw source.Bad(index, "port", $"missing or null: a {read.Protocol} edge names its destination port (1-65535)");
                }
                else
                {
                    AddKeyed(into, read);
                }
                index++;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(new SourceLocation(file, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1), null, null, $"not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Adds the edge; one copied from an alert may name a ReplicaSet or Job that the check keys by its Deployment or
    /// CronJob, so it is added under that key too, and kept as written for one the check keys as itself (a hand-made ReplicaSet).
    /// </summary>
    private static void AddKeyed(FlowBaseline into, BaselineEdge edge)
    {
        into.Add(edge);
        into.Add(edge with { Source = WorkloadKeys.OfName(edge.Source) ?? edge.Source, Destination = WorkloadKeys.OfName(edge.Destination) ?? edge.Destination });
    }

    private static List<int> Ports(Source source, JsonElement ports, int index, bool needed)
    {
        if (ports.ValueKind != JsonValueKind.Array)
            throw source.Bad(index, "ports", "not a list of port numbers");
        var list = new List<int>();
        foreach (var port in ports.EnumerateArray())
            list.Add(port.ValueKind == JsonValueKind.Number && port.TryGetInt32(out var n) && n is >= 0 and <= 65535 && (n > 0 || !needed)
                ? n
                : throw source.Bad(index, "ports", needed ? "not a port number (1-65535)" : "not a port number", $"[{list.Count}]"));
        return list;
    }

    private static BaselineEdge Edge(Source source, JsonElement edge, int index)
    {
        string Text(string name) =>
            edge.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw source.Bad(index, name, "missing or not a string");
        int? port = null;
        if (edge.TryGetProperty("port", out var p) && p.ValueKind != JsonValueKind.Null)
            port = p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) && n is >= 0 and <= 65535 ? n : throw source.Bad(index, "port", "not a port number");
        var (from, destination, protocol) = (Text("src"), Text("dst"), Text("protocol"));
        // Port 0 is no port (as in every flow format): a port protocol's edge needs a real one.
        if (port == 0 && HasPorts(FlowProtocols.TryParse(protocol, out var named) ? FlowProtocols.Name(named) : protocol))
            throw source.Bad(index, "port", $"0: a {protocol} edge names its destination port (1-65535)");
        (from, destination) = (Peer(source, "src", from, index), Peer(source, "dst", destination, index));
        // Protocols are compared by the name alerts print, which earlier versions spelt otherwise (ICMPv6).
        return new BaselineEdge(from, destination, FlowProtocols.TryParse(protocol, out var number) ? FlowProtocols.Name(number) : protocol, port);
    }

    /// <summary>
    /// A peer as the baseline keys it: an operator accepting a <c>new-connection</c> copies the address the alert
    /// printed, which stands for its /24 (IPv6 /64) as in the baseline <c>flows baseline</c> writes.
    /// </summary>
    private static string Peer(Source source, string name, string text, int index)
    {
        if (FlowBaseline.TryKeyOfNetwork(text, out var key))
            return key;
        if (IpRange.TryParseCidr(text, out _))
            throw source.Bad(index, name, $"'{text}': an external peer is keyed by its /24 (IPv6 /64), or named by one address");
        return IsPeerName(text)
            ? text
            : throw source.Bad(index, name, $"'{text}': not a peer as alerts name them (ns/name[Kind], node/NAME, or an address)");
    }

    /// <summary>Whether the text is <c>node/NAME</c> or <c>ns/name[Kind]</c>, the names a flow's peer can be keyed by.</summary>
    private static bool IsPeerName(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
            return false;
        var open = text.IndexOf('[', slash);
        return open > slash + 1 && open < text.Length - 2 && text.EndsWith(']') || open < 0 && text.AsSpan(0, slash) is "node";
    }

    /// <summary>Whether connections of the protocol (as alerts name it) have ports: TCP, UDP, SCTP.</summary>
    private static bool HasPorts(string protocol) => protocol is "TCP" or "UDP" or "SCTP";

    /// <summary>The file being read, by which an error is located where it is written.</summary>
    private readonly record struct Source(string File, ReadOnlyMemory<byte> Json)
    {
        /// <summary>An error in the edge's field (<paramref name="suffix"/> names an item of a list field).</summary>
        public InvalidInputException Bad(int index, string field, string problem, string suffix = "") =>
            new(BaselineLocator.Of(File, Json.Span, index, field), "flow baseline", $"edges[{index}].{field}{suffix}", problem);

        /// <summary>An error in a top-level property.</summary>
        public InvalidInputException BadProperty(string name, string problem) =>
            new(BaselineLocator.OfProperty(File, Json.Span, name), "flow baseline", name, problem);
    }
}
