using System.Text;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Formats;
using Palisade.Input;
using Palisade.Server.Detection;

namespace Palisade.Server.Tests.Detection;

/// <summary>The service's flow detection keeps only the alerts of the last idle period in memory, and stores a reopened alert as a new one.</summary>
public sealed class FlowDetectionTests
{
    private static readonly DateTimeOffset Base = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A port scan (25 ports of 203.0.113.9) from <paramref name="source"/>, <paramref name="offset"/> after a base time.</summary>
    private static List<FlowRecord> Scan(string source, TimeSpan offset)
    {
        var text = new StringBuilder();
        for (var p = 0; p < 25; p++)
        {
            var time = (Base + offset).AddMilliseconds(p).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            text.Append("{\"flow\":{\"time\":\"").Append(time).Append("\",\"verdict\":\"FORWARDED\",\"IP\":{\"source\":\"").Append(source)
                .Append("\",\"destination\":\"203.0.113.9\"},\"l4\":{\"TCP\":{\"source_port\":").Append(40000 + p).Append(",\"destination_port\":").Append(8000 + p)
                .Append(",\"flags\":{\"SYN\":true}}}},\"node_name\":\"node-1\"}\n");
        }
        using var input = InputSource.FromStream("scan", new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())));
        return [.. FlowReaders.For(FlowFormat.Hubble).Read(input, new ReadDiagnostics())];
    }

    [Fact]
    public void An_alert_quiet_for_the_idle_period_is_closed_and_a_later_one_is_stored_anew()
    {
        var detection = new FlowDetection(FlowCheckOptions.Default, "test", TimeSpan.FromMinutes(30));

        detection.Observe(Scan("10.0.0.1", TimeSpan.Zero), []);
        detection.Drain([]);
        var first = Assert.Single(detection.Changed(), a => a.Name == "port-scan");
        Assert.Equal(1, detection.OpenAlerts);

        detection.Observe(Scan("10.0.0.2", TimeSpan.FromHours(2)), []);
        detection.Drain([]);
        var second = Assert.Single(detection.Changed(), a => a.Name == "port-scan");
        Assert.Contains("10.0.0.2", second.Json, StringComparison.Ordinal);
        Assert.Equal(1, detection.OpenAlerts);

        detection.Observe(Scan("10.0.0.1", TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1)), []);
        detection.Drain([]);
        var reopened = Assert.Single(detection.Changed(), a => a.Name == "port-scan");
        Assert.Contains("10.0.0.1", reopened.Json, StringComparison.Ordinal);
        Assert.NotEqual(first.Key, reopened.Key);
        Assert.Equal(2, detection.OpenAlerts);
    }

    [Fact]
    public void Only_alerts_that_grew_are_stored_again()
    {
        var detection = new FlowDetection(FlowCheckOptions.Default, "test", TimeSpan.FromHours(1));
        detection.Observe(Scan("10.0.0.1", TimeSpan.Zero), []);
        detection.Drain([]);
        var first = Assert.Single(detection.Changed(), a => a.Name == "port-scan");

        detection.Observe(Scan("10.0.0.1", TimeSpan.FromSeconds(1)), []);
        detection.Drain([]);
        var grown = Assert.Single(detection.Changed(), a => a.Name == "port-scan");
        Assert.Equal(first.Key, grown.Key);
        Assert.NotEqual(first.Json, grown.Json);

        detection.Observe([], []);
        detection.Drain([]);

        Assert.Empty(detection.Changed());
    }
}
