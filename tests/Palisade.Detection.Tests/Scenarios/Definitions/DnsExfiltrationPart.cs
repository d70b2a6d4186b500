using System.Text;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Definitions;

/// <summary>
/// (g) DNS exfiltration, Hubble only. toolbox asks 60 distinct names under exfil-cdn.com in 36 s; scratch
/// 60 under backup-store.co.uk (eTLD+1 with a two-label suffix) in 42 s; checkoutservice one name whose
/// first label has 60 characters. Not exfiltration: the batch job's 30 + 30 names under two registered
/// domains that share the suffix co.uk (60 under "the last two labels", 30 each under eTLD+1), and
/// Grafana's 30 names under grafana.net.
/// </summary>
public static class DnsExfiltrationPart
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static void Add(TrafficBuilder b, DateTimeOffset t0)
    {
        var c = b.Cluster;
        var toolbox = c.Workload("dev", "toolbox").Pod;
        for (var i = 0; i < 60; i++)
            b.Dns(t0.AddSeconds(300 + i * 0.6), toolbox, $"{Chunk(b, 32)}.t.exfil-cdn.com.", note: "exfiltration");
        var scratch = c.Workload("dev", "scratch").Pod;
        for (var i = 0; i < 60; i++)
            b.Dns(t0.AddSeconds(320 + i * 0.7), scratch, $"{Chunk(b, 30)}.files.backup-store.co.uk.", note: "exfiltration (co.uk)");
        b.Dns(t0.AddSeconds(380), c.Workload("shop", "checkoutservice").Pods[1], $"{Chunk(b, 60)}.payments-api.com.", note: "60-character label");

        var worker = c.Workload("batch", "report-worker").Pod;
        for (var i = 0; i < 60; i++)
            b.Dns(t0.AddSeconds(340 + i * 0.5), worker, $"pkg-{i / 2}.mirror-{(i % 2 == 0 ? "one" : "two")}.co.uk.", note: "30 + 30 under two registered domains");
        var grafana = c.Workload("monitoring", "grafana").Pod;
        for (var i = 0; i < 30; i++)
            b.Dns(t0.AddSeconds(450 + i), grafana, $"plugin-{i}.cdn.grafana.net.", note: "30 names, below the threshold");
    }

    private static string Chunk(TrafficBuilder b, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            text.Append(Base32[b.Random.Next(Base32.Length)]);
        return text.ToString();
    }
}
