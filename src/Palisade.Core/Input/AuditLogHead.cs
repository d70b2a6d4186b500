namespace Palisade.Input;

/// <summary>
/// Tells a Kubernetes audit log from its first bytes, in every wrapper the audit reader takes: audit.k8s.io Events (one
/// a line, pretty-printed, in an array), an EventList, AKS and EKS exports (the Event as an escaped string), CloudWatch
/// Logs Insights results (JSON or the console's CSV) and GKE Cloud Logging entries. Pure: the flow readers use it to say
/// what a file given among flows is, the command line to tell which option a file belongs to (docs/semantics.md, "Input
/// handling"); it lives here, below both, so that neither reaches into the other for it.
/// </summary>
public static class AuditLogHead
{
    /// <summary>
    /// Whether content starting with <paramref name="head"/> is an audit log. JSON (or an Insights CSV table) naming the
    /// audit API group with an event's <c>auditID</c> or an <c>EventList</c>, or holding a Cloud Audit Logs payload. An
    /// audit policy file names the group too but is a manifest: it has neither.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
            head = head[3..];
        head = head.TrimStart(" \t\r\n"u8);
        var json = !head.IsEmpty && head[0] is (byte)'{' or (byte)'[';
        var insightsTable = head.StartsWith("@"u8) || head.StartsWith("\"@"u8);
        if (!json && !insightsTable)
            return false;
        if (head.IndexOf("audit.k8s.io"u8) >= 0 && (head.IndexOf("auditID"u8) >= 0 || head.IndexOf("EventList"u8) >= 0))
            return true;
        return json && head.IndexOf("google.cloud.audit.AuditLog"u8) >= 0;
    }
}
