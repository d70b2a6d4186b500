using System.Text.Json;

namespace Palisade.Flows.Formats;

/// <summary>Reads a Hubble <c>Endpoint</c> object: identity, namespace, labels, pod name, workloads.</summary>
internal static class HubbleEndpoint
{
    /// <summary>The endpoint at the reader's <c>{</c>; the reader is left on its <c>}</c>.</summary>
    public static FlowEndpointInfo Read(ref Utf8JsonReader reader, TextCache text, List<string> scratch)
    {
        uint? identity = null;
        string? ns = null, pod = null;
        string[] labels = [];
        FlowWorkload[] workloads = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.Utf8();
            if (key.SequenceEqual("identity"u8))
            {
                reader.Read();
                identity = reader.UInt32();
            }
            else if (key.SequenceEqual("namespace"u8))
            {
                reader.Read();
                ns = NonEmpty(reader.CachedString(text));
            }
            else if (key.SequenceEqual("pod_name"u8) || key.SequenceEqual("podName"u8))
            {
                reader.Read();
                pod = NonEmpty(reader.CachedString(text));
            }
            else if (key.SequenceEqual("labels"u8))
            {
                reader.Read();
                labels = reader.CachedStrings(text, scratch);
            }
            else if (key.SequenceEqual("workloads"u8))
            {
                reader.Read();
                workloads = Workloads(ref reader, text);
            }
            reader.Skip();
        }
        return new FlowEndpointInfo { Identity = identity, Namespace = ns, PodName = pod, Labels = labels, Workloads = workloads };
    }

    private static FlowWorkload[] Workloads(ref Utf8JsonReader reader, TextCache text)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return [];
        var workloads = new List<FlowWorkload>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            string? name = null, kind = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.Utf8();
                var isName = key.SequenceEqual("name"u8);
                var isKind = !isName && key.SequenceEqual("kind"u8);
                reader.Read();
                if (isName)
                    name = reader.CachedString(text);
                else if (isKind)
                    kind = reader.CachedString(text);
                reader.Skip();
            }
            if (!string.IsNullOrEmpty(name))
                workloads.Add(new FlowWorkload(name, kind ?? ""));
        }
        return [.. workloads];
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
