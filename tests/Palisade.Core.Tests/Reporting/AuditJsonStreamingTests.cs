using System.Text.Json;
using Palisade.Audit.Detection;
using Palisade.Findings;
using Palisade.Reporting.Audit;

namespace Palisade.Core.Tests.Reporting;

/// <summary>The audit document goes out in pieces; text cut between them must come out whole.</summary>
public sealed class AuditJsonStreamingTests
{
    [Fact]
    public void A_document_written_in_pieces_holds_every_alert_with_its_text_intact()
    {
        // Characters of two and three bytes in UTF-8, so that pieces would end inside characters if they could.
        var alerts = Enumerable.Range(0, 5_000)
            .Select(i => new AuditAlert("exec", Severity.Medium, new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).AddSeconds(i),
                $"zoë-{i}@example.com", "create", $"Pod shop/web-{i}", $"ran ✓ {i} in 🚀 café"))
            .ToList();
        var output = new StringWriter();
        AuditAlertsJson.Write(alerts.Count, alerts, output);
        var text = output.ToString();
        Assert.True(text.Length > 4 * (1 << 16), "the document must be longer than several pieces");
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(5_000, document.RootElement.GetProperty("events").GetInt32());
        var written = document.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(5_000, written.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal($"ran ✓ {i} in 🚀 café", written[i].GetProperty("message").GetString());
            Assert.Equal($"zoë-{i}@example.com", written[i].GetProperty("user").GetString());
        }
        // Characters outside the basic plane are escaped by the encoder; the others are written as they are.
        Assert.Contains("ran ✓ 4999 in", text, StringComparison.Ordinal);
    }
}
