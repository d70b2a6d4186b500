using System.Text.Json;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// Parses one Hubble flow, in the <c>{"flow":{...},"node_name":...,"time":...}</c> envelope of
/// <c>hubble observe -o json</c> or bare, in one forward pass over the entry's bytes. Field names are
/// protobuf's (flow.proto), as written or in lowerCamelCase (<see cref="HubbleFields"/>); absent proto3 scalars mean
/// zero, absent <c>is_reply</c> means unknown. Endpoint objects repeat verbatim across flows, so they are decoded once
/// per distinct text. One per read.
/// </summary>
internal sealed class HubbleFlowParser(ReadDiagnostics diagnostics) : IEntryParser
{
    private readonly TextCache _text = new();
    private readonly ByteKeyCache<FlowEndpointInfo> _endpoints = new(4096, 4096);
    private readonly ByteKeyCache<string> _services = new(1024, 512);
    private readonly List<string> _scratch = [];

    /// <summary>
    /// The flow in <paramref name="json"/> (a container log's wrapper already taken off, <see cref="ContainerLogEntries"/>), or null when it
    /// was reported as malformed or skipped.
    /// </summary>
    public FlowRecord? Parse(ReadOnlySpan<byte> json, SourceLocation location) =>
        JsonFlowObject.Parse(json, location, diagnostics, this, static (HubbleFlowParser parser, ref Utf8JsonReader reader, ref HubbleDraft flow, ReadOnlySpan<byte> entry) =>
            parser.ReadFlow(ref reader, ref flow, entry, envelope: true));

    /// <summary>Reads an envelope or a flow object; the envelope's own fields are the flow's fallbacks.</summary>
    private void ReadFlow(ref Utf8JsonReader reader, ref HubbleDraft flow, ReadOnlySpan<byte> json, bool envelope)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = HubbleFields.Flow(reader.Utf8(), envelope);
            reader.Read();
            switch (field)
            {
                case HubbleField.Flow when reader.TokenType == JsonTokenType.StartObject:
                    flow.IsFlow = true;
                    ReadFlow(ref reader, ref flow, json, envelope: false);
                    break;
                case HubbleField.Time:
                    if (envelope)
                        flow.OuterTime = reader.Time(out flow.InvalidOuterTime);
                    else
                        flow.Time = reader.Time(out flow.InvalidTime);
                    break;
                case HubbleField.NodeName when envelope:
                    flow.OuterNodeName = reader.CachedString(_text);
                    break;
                case HubbleField.NodeName:
                    flow.NodeName = reader.CachedString(_text);
                    break;
                case HubbleField.OtherEvent:
                    flow.IsOtherEvent = true;
                    break;
                case HubbleField.None or HubbleField.Flow:
                    break;
                default:
                    flow.IsFlow = true;
                    ReadFlowField(ref reader, ref flow, json, field);
                    break;
            }
            reader.Skip();
        }
    }

    private void ReadFlowField(ref Utf8JsonReader reader, ref HubbleDraft flow, ReadOnlySpan<byte> json, HubbleField field)
    {
        switch (field)
        {
            case HubbleField.Verdict:
                flow.Verdict = HubbleFields.Verdict(ref reader);
                break;
            case HubbleField.DropReasonDesc:
            case HubbleField.DropReason:
                flow.SetDropReason(HubbleFields.DropReason(ref reader, _text), field == HubbleField.DropReasonDesc);
                break;
            case HubbleField.IP:
                ReadIp(ref reader, ref flow);
                break;
            case HubbleField.L4:
                ReadL4(ref reader, ref flow);
                break;
            case HubbleField.Source:
                flow.SourceInfo = Endpoint(ref reader, json);
                break;
            case HubbleField.Destination:
                flow.DestinationInfo = Endpoint(ref reader, json);
                break;
            case HubbleField.SourceService:
                flow.SourceService = Service(ref reader, json);
                break;
            case HubbleField.DestinationService:
                flow.DestinationService = Service(ref reader, json);
                break;
            case HubbleField.IsReply:
                flow.IsReply = reader.Boolean();
                break;
            case HubbleField.Reply:
                flow.LegacyReply = reader.Boolean() == true;
                break;
            case HubbleField.TrafficDirection:
                flow.Direction = HubbleFields.Direction(ref reader);
                break;
            case HubbleField.L7:
                HubbleL7.Read(ref reader, ref flow, _text, _scratch);
                break;
            case HubbleField.Type:
                flow.SocketTrace |= HubbleFields.IsSocketType(ref reader);
                break;
            case HubbleField.SockXlatePoint:
                flow.SocketTrace |= HubbleFields.IsTranslationPoint(ref reader);
                break;
        }
    }

    private void ReadIp(ref Utf8JsonReader reader, ref HubbleDraft flow)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.Utf8();
            var source = name.SequenceEqual("source"u8);
            var destination = !source && name.SequenceEqual("destination"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (source || destination))
            {
                var address = _text.Address(reader.Utf8());
                if (source)
                    flow.Source = address;
                else
                    flow.Destination = address;
            }
            reader.Skip();
        }
    }

    private static void ReadL4(ref Utf8JsonReader reader, ref HubbleDraft flow)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var protocol = HubbleFields.Protocol(reader.Utf8());
            reader.Read();
            if (protocol is not null && reader.TokenType == JsonTokenType.StartObject)
            {
                flow.Protocol = protocol;
                if (protocol is 1 or 58)
                    ReadIcmp(ref reader, ref flow);
                else
                    ReadPorts(ref reader, ref flow);
            }
            reader.Skip();
        }
    }

    private static void ReadPorts(ref Utf8JsonReader reader, ref HubbleDraft flow)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.Utf8();
            if (name.SequenceEqual("source_port"u8) || name.SequenceEqual("sourcePort"u8))
            {
                reader.Read();
                flow.SourcePort = reader.Port();
            }
            else if (name.SequenceEqual("destination_port"u8) || name.SequenceEqual("destinationPort"u8))
            {
                reader.Read();
                flow.DestinationPort = reader.Port();
            }
            else if (name.SequenceEqual("flags"u8))
            {
                reader.Read();
                flow.Flags = HubbleFields.TcpFlags(ref reader);
            }
            reader.Skip();
        }
    }

    private static void ReadIcmp(ref Utf8JsonReader reader, ref HubbleDraft flow)
    {
        // proto3 omits zeros: an echo reply is {"type":0} written as {}.
        flow.IcmpType = 0;
        flow.IcmpCode = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.Utf8();
            var type = name.SequenceEqual("type"u8);
            var code = !type && name.SequenceEqual("code"u8);
            reader.Read();
            if ((type || code) && reader.UInt32() is { } value and <= 255)
            {
                if (type)
                    flow.IcmpType = (int)value;
                else
                    flow.IcmpCode = (int)value;
            }
            reader.Skip();
        }
    }

    /// <summary>A Hubble endpoint, decoded once per distinct JSON text of the object.</summary>
    private FlowEndpointInfo? Endpoint(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var end = reader;
        end.Skip();
        var text = json[(int)reader.TokenStartIndex..(int)end.BytesConsumed];
        if (_endpoints.TryGet(text, out var known))
        {
            reader = end;
            return known;
        }
        var endpoint = HubbleEndpoint.Read(ref reader, _text, _scratch);
        _endpoints.Set(text, endpoint);
        return endpoint;
    }

    /// <summary>A Hubble service as <c>namespace/name</c>, decoded once per distinct JSON text.</summary>
    private string? Service(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var end = reader;
        end.Skip();
        var text = json[(int)reader.TokenStartIndex..(int)end.BytesConsumed];
        if (_services.TryGet(text, out var known))
        {
            reader = end;
            return known;
        }
        string? name = null, ns = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            var isName = key.SequenceEqual("name"u8);
            var isNamespace = !isName && key.SequenceEqual("namespace"u8);
            reader.Read();
            if (isName)
                name = reader.CachedString(_text);
            else if (isNamespace)
                ns = reader.CachedString(_text);
            reader.Skip();
        }
        if (string.IsNullOrEmpty(name))
            return null;
        var service = string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
        _services.Set(text, service);
        return service;
    }
}
