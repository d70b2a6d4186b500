using Palisade.Flows.Detection;

namespace Palisade.Flows.Detectors;

/// <summary>The phrases detector messages share.</summary>
internal static class Text
{
    /// <summary>"1 connection", "3 connections".</summary>
    public static string Connections(AlertDraft alert) => alert.Count == 1 ? "1 connection" : $"{alert.Count} connections";

    /// <summary>"TCP 443, 8443" or "ICMP".</summary>
    public static string Ports(AlertDraft alert)
    {
        var protocol = FlowProtocols.Name(alert.Protocol);
        return alert.Ports.Count == 0 ? protocol : $"{protocol} {string.Join(", ", alert.Ports)}";
    }

    /// <summary>"ns/a, ns/b", or what stands for no policy.</summary>
    public static string Policies(AlertDraft alert) =>
        alert.Policies.Count == 0 ? "no policy (the side is not isolated)" : string.Join(", ", alert.Policies);
}
