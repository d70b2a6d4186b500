using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads a Hubble <c>l7</c> object into DNS or HTTP details. Whether it is a response is known only from
/// <c>l7.type</c>, which may come after the record, so the record is built when the object ends.
/// </summary>
internal static class HubbleL7
{
    /// <summary>Reads the <c>l7</c> object at the reader's <c>{</c> into <paramref name="flow"/>.</summary>
    public static void Read(ref Utf8JsonReader reader, ref HubbleDraft flow, TextCache text, List<string> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        var response = false;
        DnsInfo? dns = null;
        HttpInfo? http = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            if (key.SequenceEqual("type"u8))
            {
                reader.Read();
                response = reader.TokenType == JsonTokenType.String ? reader.Utf8().SequenceEqual("RESPONSE"u8) : reader.UInt32() == 2;
            }
            else if (key.SequenceEqual("dns"u8))
            {
                reader.Read();
                dns = Dns(ref reader, text, scratch);
            }
            else if (key.SequenceEqual("http"u8))
            {
                reader.Read();
                http = Http(ref reader, text);
            }
            reader.Skip();
        }
        // proto3 omits zeros: a response without rcode is NOERROR.
        flow.Dns = dns is null ? null : dns with { IsResponse = response, ResponseCode = response ? dns.ResponseCode ?? 0 : dns.ResponseCode };
        flow.Http = http is null ? null : http with { IsResponse = response };
    }

    private static DnsInfo? Dns(ref Utf8JsonReader reader, TextCache text, List<string> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        string query = "";
        string[] types = [], ips = [];
        int? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            if (key.SequenceEqual("query"u8))
            {
                reader.Read();
                query = reader.CachedString(text) ?? "";
            }
            else if (key.SequenceEqual("qtypes"u8))
            {
                reader.Read();
                types = reader.CachedStrings(text, scratch);
            }
            else if (key.SequenceEqual("ips"u8))
            {
                reader.Read();
                ips = reader.CachedStrings(text, scratch);
            }
            else if (key.SequenceEqual("rcode"u8))
            {
                reader.Read();
                code = reader.UInt32() is { } rcode and <= 0xFFFF ? (int)rcode : null;
            }
            reader.Skip();
        }
        return new DnsInfo(query) { QueryTypes = types, Ips = ips, ResponseCode = code };
    }

    private static HttpInfo? Http(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        string method = "", url = "";
        string? protocol = null;
        int? code = null;
        KeyValuePair<string, string>[] headers = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            if (key.SequenceEqual("method"u8))
            {
                reader.Read();
                method = reader.CachedString(text) ?? "";
            }
            else if (key.SequenceEqual("url"u8))
            {
                reader.Read();
                url = reader.FreshString() ?? "";
            }
            else if (key.SequenceEqual("protocol"u8))
            {
                reader.Read();
                protocol = reader.CachedString(text);
            }
            else if (key.SequenceEqual("code"u8))
            {
                reader.Read();
                code = reader.UInt32() is { } status and > 0 and < 1000 ? (int)status : null;
            }
            else if (key.SequenceEqual("headers"u8))
            {
                reader.Read();
                headers = Headers(ref reader, text);
            }
            reader.Skip();
        }
        return new HttpInfo(method, url) { Protocol = protocol, Code = code, Headers = headers };
    }

    private static KeyValuePair<string, string>[] Headers(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return [];
        var headers = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            string? key = null, value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.Utf8();
                var isKey = field.SequenceEqual("key"u8);
                var isValue = !isKey && field.SequenceEqual("value"u8);
                reader.Read();
                if (isKey)
                    key = reader.CachedString(text);
                else if (isValue)
                    value = reader.FreshString();
                reader.Skip();
            }
            if (key is not null)
                headers.Add(new(key, value ?? ""));
        }
        return [.. headers];
    }
}
