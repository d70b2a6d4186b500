using System.Text.Json;
using Palisade.Reporting.Audit;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detection;

/// <summary>
/// <c>time</c> is "the event's requestReceivedTimestamp (GKE: timestamp)" (PRODUCT.md, Detection): written as the
/// event wrote it when it is in UTC, so that it is that timestamp to the character (the API server's six digits
/// with their trailing zeros, GKE's nanoseconds), and normalised to UTC otherwise.
/// </summary>
public sealed class AlertTimeTests
{
    private static string Time(string line)
    {
        var result = Run([line], Store());
        using var output = new StringWriter();
        AuditAlertsJson.Write(result.Events, result.Alerts, output);
        using var json = JsonDocument.Parse(output.ToString());
        return json.RootElement.GetProperty("alerts")[0].GetProperty("time").GetString()!;
    }

    private static string Exec(string received) =>
        Event("create", "pods", "shop", "web", subresource: "exec", code: 101, at: "03:00")
            .Replace("\"requestReceivedTimestamp\":\"2024-05-01T03:00:00Z\"", $"\"requestReceivedTimestamp\":\"{received}\"", StringComparison.Ordinal);

    [Theory]
    [InlineData("2024-05-01T03:00:00.120000Z", "2024-05-01T03:00:00.120000Z")]
    [InlineData("2024-05-01T03:00:00.000000Z", "2024-05-01T03:00:00.000000Z")]
    [InlineData("2024-05-01T03:00:00Z", "2024-05-01T03:00:00Z")]
    [InlineData("2024-05-01T05:00:00.120000+02:00", "2024-05-01T03:00:00.12Z")]
    [InlineData("2024-05-01 03:00:00.120000Z", "2024-05-01T03:00:00.12Z")]
    [InlineData("2024-05-01T03:00:00,5Z", "2024-05-01T03:00:00.5Z")]
    [InlineData("2024-05-01t03:00:00Z", "2024-05-01T03:00:00Z")]
    [InlineData("2024-05-01T03:00:00.Z", "2024-05-01T03:00:00Z")]
    // A time in another form the general parser reads (a space or a comma, as some log shippers rewrite it) is given in the
    // contract's RFC 3339 form, not repeated.
    public void The_time_is_the_events_own_timestamp(string received, string expected) =>
        Assert.Equal(expected, Time(Exec(received)));

    [Fact]
    public void A_gke_time_keeps_its_nanoseconds()
    {
        const string entry = """{"protoPayload":{"authenticationInfo":{"principalEmail":"mallory@example.com"},"methodName":"io.k8s.core.v1.pods.exec.create","resourceName":"core/v1/namespaces/shop/pods/web/exec","serviceName":"k8s.io","status":{}},"insertId":"e1","timestamp":"2018-10-26T13:38:34.867116123Z"}""";
        Assert.Equal("2018-10-26T13:38:34.867116123Z", Time(entry));
    }
}
