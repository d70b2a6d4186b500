using System.Text.Json;
using Palisade.Flows;
using Palisade.Flows.Formats;
using Palisade.Input;
using static Palisade.Core.Tests.Flows.Formats.VpcExamples;

namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>
/// VPC flow logs published to CloudWatch Logs and read back as JSON: <c>aws logs filter-log-events</c> (and
/// <c>get-log-events</c>), pretty-printed with every page in one object, and the payloads a subscription filter delivers
/// to Firehose, one after another.
/// </summary>
public sealed class CloudWatchEventsTests
{
    /// <summary>An answer of <c>aws logs filter-log-events --output json</c> holding the messages.</summary>
    private static string FilterLogEvents(IEnumerable<string> messages) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["events"] = messages.Select((m, i) => new Dictionary<string, object>
            {
                ["logStreamName"] = "eni-1235b8ca123456789-all", ["timestamp"] = 1418530080000L + i, ["message"] = m,
                ["ingestionTime"] = 1418530090000L, ["eventId"] = $"3{i:D55}",
            }).ToArray(),
            ["searchedLogStreams"] = Array.Empty<object>(),
        }, new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 });

    [Fact]
    public void The_messages_of_a_filter_log_events_answer_are_records_at_their_lines()
    {
        var text = FilterLogEvents([Accepted, NoData, Rejected]);
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Vpc, FlowReaders.Detect(source));
        var diagnostics = new ReadDiagnostics(strict: true);
        var records = FlowInput.Read(FlowFormat.Vpc, text, diagnostics);
        Assert.Equal([FlowVerdict.Forwarded, FlowVerdict.Dropped], records.Select(r => r.Verdict));
        Assert.Equal([6, 20], records.Select(r => r.Location!.Line));
        Assert.Equal(1, diagnostics.Skipped);
    }

    [Fact]
    public void A_byte_order_mark_before_the_answer_is_skipped()
    {
        // What PowerShell's redirection writes (UTF-16, read as UTF-8 with the mark), or an editor's save.
        var records = FlowInput.Read(FlowFormat.Vpc, "\uFEFF" + FilterLogEvents([Accepted]), new ReadDiagnostics(strict: true));
        Assert.Single(records);
    }

    [Fact]
    public void An_answer_larger_than_a_line_may_be_is_read_whole()
    {
        var records = FlowInput.Read(FlowFormat.Vpc, FilterLogEvents(Enumerable.Repeat(Accepted, 20_000)), new ReadDiagnostics(strict: true));
        Assert.Equal(20_000, records.Count);
    }

    [Fact]
    public void Subscription_payloads_one_after_another_are_read_and_the_control_message_skipped()
    {
        static string Payload(string type, params string[] messages) =>
            JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["messageType"] = type, ["owner"] = "123456789010", ["logGroup"] = "vpc-flow-logs", ["logStream"] = "eni-1235b8ca123456789-all",
                ["subscriptionFilters"] = new[] { "to-firehose" },
                ["logEvents"] = messages.Select((m, i) => new Dictionary<string, object> { ["id"] = $"{i}", ["timestamp"] = 1418530080000L, ["message"] = m }).ToArray(),
            });
        var text = Payload("CONTROL_MESSAGE", "CWL CONTROL MESSAGE: Checking health of destination Firehose.")
            + Payload("DATA_MESSAGE", Accepted, Rejected) + "\n" + Payload("DATA_MESSAGE", Accepted);
        using (var source = FlowInput.Source(text))
            Assert.Equal(FlowFormat.Vpc, FlowReaders.Detect(source));
        var diagnostics = new ReadDiagnostics(strict: true);
        var records = FlowInput.Read(FlowFormat.Vpc, text, diagnostics);
        Assert.Equal(3, records.Count);
        Assert.Equal(1, diagnostics.Skipped);
    }

    [Fact]
    public void Broken_json_is_reported_at_its_line_after_the_records_before_it()
    {
        var text = FilterLogEvents([Accepted, Accepted]);
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Vpc, text[..(text.LastIndexOf(Accepted, StringComparison.Ordinal) + 10)], diagnostics);
        Assert.Single(records);
        Assert.Equal(1, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("malformed JSON", diagnostics.Warnings[0], StringComparison.Ordinal);
    }
    public static TheoryData<string, string> OtherShapes => new()
    {
        // filter-log-events with its members in another order (a jq rewrite, a client library's serializer).
        { "events after other members", $$"""{"searchedLogStreams": [], "nextToken": "abc", "events": [{"logStreamName": "eni-1-all", "timestamp": 1, "message": "{{Accepted}}"}, {"logStreamName": "eni-1-all", "timestamp": 2, "message": "{{Rejected}}"}]}""" },
        // aws logs filter-log-events --query 'events[]'
        { "a bare array of events", $$"""[{"logStreamName": "eni-1-all", "timestamp": 1, "message": "{{Accepted}}"}, {"logStreamName": "eni-1-all", "timestamp": 2, "message": "{{Rejected}}"}]""" },
        // jq '.events[]' on a filter-log-events answer: one event object after another.
        { "event objects one after another", $$"""{"logStreamName": "eni-1-all", "timestamp": 1, "message": "{{Accepted}}"}""" + "\n" + $$"""{"logStreamName": "eni-1-all", "timestamp": 2, "message": "{{Rejected}}"}""" },
        // aws logs filter-log-events --query 'events[].message'
        { "an array of the messages", $$"""["{{Accepted}}", "{{Rejected}}"]""" },
        // aws logs get-query-results (Logs Insights): each result a list of fields.
        { "logs insights query results", $$"""{"results": [[{"field": "@timestamp", "value": "2014-12-14 04:07:50.000"}, {"field": "@message", "value": "{{Accepted}}"}, {"field": "@ptr", "value": "CmAKJ"}], [{"field": "@timestamp", "value": "2014-12-14 04:07:50.000"}, {"field": "@message", "value": "{{Rejected}}"}, {"field": "@ptr", "value": "CmAKK"}]], "statistics": {"recordsMatched": 2.0, "recordsScanned": 2.0, "bytesScanned": 200.0}, "status": "Complete"}""" },
        // The Logs Insights console's JSON download.
        { "logs insights console download", $$"""[{"@timestamp": "2014-12-14 04:07:50.000", "@message": "{{Accepted}}"}, {"@timestamp": "2014-12-14 04:07:50.000", "@message": "{{Rejected}}"}]""" },
    };

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Vpc_records_fetched_from_cloudwatch_logs_in_other_shapes_are_read(string shape, string text)
    {
        using (var source = FlowInput.Source(text))
            Assert.True(FlowReaders.Detect(source) == FlowFormat.Vpc, shape);
        var records = FlowInput.Read(FlowFormat.Vpc, text, new ReadDiagnostics(strict: true));
        Assert.Equal([FlowVerdict.Forwarded, FlowVerdict.Dropped], records.Select(r => r.Verdict));
    }

    [Fact]
    public void An_event_with_an_empty_message_is_a_malformed_record_at_its_line()
    {
        var text = FilterLogEvents([Accepted, "", "   ", Rejected]);
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Vpc, text, diagnostics);
        Assert.Equal([FlowVerdict.Forwarded, FlowVerdict.Dropped], records.Select(r => r.Verdict));
        Assert.Equal(2, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:13:", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("flows.txt:20:", diagnostics.Warnings[1], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InsightsCsv => new()
    {
        // The console's CSV download of 'fields @timestamp, @message': the record unquoted (it holds no comma).
        { "unquoted", $"@timestamp,@message\n2014-12-14 04:07:50.000,{Accepted}\n2014-12-14 04:07:50.000,{NoData}\n2014-12-14 04:07:51.000,{Rejected}\n" },
        // Every field quoted, more fields, @message not first nor last, CRLF.
        { "quoted", $"\"@timestamp\",\"@message\",\"@logStream\"\r\n\"2014-12-14 04:07:50.000\",\"{Accepted}\",\"eni-1235b8ca123456789-all\"\r\n"
            + $"\"2014-12-14 04:07:50.000\",\"{NoData}\",\"eni-1235b8ca123456789-all\"\r\n\"2014-12-14 04:07:51.000\",\"{Rejected}\",\"eni-1235b8ca123456789-all\"\r\n" },
    };

    [Theory]
    [MemberData(nameof(InsightsCsv))]
    public void A_logs_insights_csv_download_is_read_as_vpc_records_at_their_lines(string shape, string text)
    {
        using (var source = FlowInput.Source(text))
            Assert.True(FlowReaders.Detect(source) == FlowFormat.Vpc, shape);
        var diagnostics = new ReadDiagnostics(strict: true);
        var records = FlowInput.Read(FlowFormat.Vpc, text, diagnostics);
        Assert.Equal([FlowVerdict.Forwarded, FlowVerdict.Dropped], records.Select(r => r.Verdict));
        Assert.Equal([2, 4], records.Select(r => r.Location!.Line));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1418530010), records[0].Time);
        Assert.Equal(1, diagnostics.Skipped);
    }

    [Fact]
    public void A_logs_insights_csv_row_without_a_record_is_malformed_at_its_line()
    {
        var text = $"@timestamp,@message\n2014-12-14 04:07:50.000,{Accepted}\n2014-12-14 04:07:50.000\n2014-12-14 04:07:50.000,\n2014-12-14 04:07:51.000,{Rejected}\n";
        var diagnostics = new ReadDiagnostics();
        var records = FlowInput.Read(FlowFormat.Vpc, text, diagnostics);
        Assert.Equal(2, records.Count);
        Assert.Equal(2, diagnostics.Malformed);
        Assert.StartsWith("flows.txt:3:", diagnostics.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("flows.txt:4:", diagnostics.Warnings[1], StringComparison.Ordinal);
    }
}
