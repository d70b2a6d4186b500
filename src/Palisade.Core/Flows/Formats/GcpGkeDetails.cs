using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>
/// Reads GCP <c>GkeDetails</c>: <c>{cluster{...}, pod{pod_name, pod_namespace, pod_workload{workload_name,
/// workload_type}}, service[{service_name, service_namespace}]}</c>. The first service is kept.
/// </summary>
internal static class GcpGkeDetails
{
    /// <summary>The details at the reader's <c>{</c>; the reader is left on its <c>}</c>.</summary>
    public static FlowEndpointInfo Read(ref Utf8JsonReader reader, TextCache text)
    {
        var endpoint = new FlowEndpointInfo();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            var isPod = key.SequenceEqual("pod"u8);
            var isService = !isPod && key.SequenceEqual("service"u8);
            reader.Read();
            if (isPod && reader.TokenType == JsonTokenType.StartObject)
                endpoint = Pod(ref reader, text) with { Service = endpoint.Service };
            else if (isService)
                endpoint = endpoint with { Service = FirstService(ref reader, text) };
            reader.Skip();
        }
        return endpoint;
    }

    private static FlowEndpointInfo Pod(ref Utf8JsonReader reader, TextCache text)
    {
        string? name = null, ns = null;
        FlowWorkload[] workloads = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            if (key.SequenceEqual("pod_name"u8))
            {
                reader.Read();
                name = reader.CachedString(text);
            }
            else if (key.SequenceEqual("pod_namespace"u8))
            {
                reader.Read();
                ns = reader.CachedString(text);
            }
            else if (key.SequenceEqual("pod_workload"u8))
            {
                reader.Read();
                workloads = Workload(ref reader, text);
            }
            reader.Skip();
        }
        return new FlowEndpointInfo { Namespace = NonEmpty(ns), PodName = NonEmpty(name), Workloads = workloads };
    }

    private static FlowWorkload[] Workload(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return [];
        string? name = null, kind = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            var isName = key.SequenceEqual("workload_name"u8);
            var isKind = !isName && key.SequenceEqual("workload_type"u8);
            reader.Read();
            if (isName)
                name = reader.CachedString(text);
            else if (isKind)
                kind = reader.CachedString(text);
            reader.Skip();
        }
        return string.IsNullOrEmpty(name) ? [] : [new FlowWorkload(name, kind ?? "")];
    }

    private static string? FirstService(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return null;
        string? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            string? name = null, ns = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.Utf8();
                var isName = key.SequenceEqual("service_name"u8);
                var isNamespace = !isName && key.SequenceEqual("service_namespace"u8);
                reader.Read();
                if (isName)
                    name = reader.CachedString(text);
                else if (isNamespace)
                    ns = reader.CachedString(text);
                reader.Skip();
            }
            if (first is null && !string.IsNullOrEmpty(name))
                first = string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
        }
        return first;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
