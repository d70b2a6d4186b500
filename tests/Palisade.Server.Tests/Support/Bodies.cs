using System.Globalization;
using System.Text;

namespace Palisade.Server.Tests.Support;

/// <summary>Request bodies for ingestion tests: Hubble lines each unique by their source port, and audit EventLists.</summary>
public static class Bodies
{
    /// <summary><paramref name="count"/> Hubble flow lines numbered from <paramref name="first"/>, from a pod address to a public one.</summary>
    public static string Hubble(int first, int count, string source = "10.0.0.1", string destination = "203.0.113.9")
    {
        var text = new StringBuilder();
        for (var n = first; n < first + count; n++)
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var port = n % 60000 + 1024;
            text.Append("{\"flow\":{\"time\":\"").Append(time).Append("\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"").Append(source)
                .Append("\",\"destination\":\"").Append(destination).Append("\"},\"l4\":{\"TCP\":{\"source_port\":").Append(port.ToString(CultureInfo.InvariantCulture))
                .Append(",\"destination_port\":443,\"flags\":{\"SYN\":true}}},\"Summary\":\"n").Append(n.ToString(CultureInfo.InvariantCulture))
                .Append("\"},\"node_name\":\"node-1\"}");
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>An EventList holding one audit event per (verb, resource, name).</summary>
    public static string AuditList(params (string Id, string Verb, string Resource, string Namespace, string Name, string User)[] events)
    {
        var items = events.Select(e => $$"""
            {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"{{e.Id}}","stage":"ResponseComplete","requestURI":"/apis/networking.k8s.io/v1/namespaces/{{e.Namespace}}/{{e.Resource}}/{{e.Name}}","verb":"{{e.Verb}}","user":{"username":"{{e.User}}","groups":["system:authenticated"]},"sourceIPs":["127.0.0.1"],"objectRef":{"resource":"{{e.Resource}}","namespace":"{{e.Namespace}}","name":"{{e.Name}}","apiGroup":"networking.k8s.io","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2024-03-01T10:00:00.000000Z","stageTimestamp":"2024-03-01T10:00:00.010000Z"}
            """);
        return $$"""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{{string.Join(",", items)}}]}""";
    }
}
