using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>The ingest endpoints: 202 only after the commit, duplicates recognised, malformed and oversized bodies refused with nothing stored.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await TestServer.StartAsync((o, _) => o with { MaxBodyBytes = 64 * 1024 });

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private Task<long> Stored() => server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Post(string path, HttpContent content)
    {
        using var response = await server.Client.PostAsync(path, content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task Accepted_flows_are_in_the_store_when_the_answer_comes()
    {
        var (status, body) = await Post("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 50)));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(50, body!["accepted"]!.GetValue<int>());
        Assert.Equal(50, await Stored());
    }

    [Theory]
    [InlineData("cri")]
    [InlineData("docker")]
    public async Task Flows_of_a_container_log_are_stored_as_their_records_split_lines_joined(string wrapper)
    {
        // The exporter's lines as the runtime's log (the first split in two parts) or Docker's json-file records hold them.
        var lines = Bodies.Hubble(0, 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        static string Docker(string log) => $"{{\"log\":{System.Text.Json.JsonSerializer.Serialize(log)},\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:00Z\"}}\n";
        var body = wrapper == "cri"
            ? $"2026-01-01T00:00:00Z stdout P {lines[0][..90]}\n2026-01-01T00:00:00Z stdout F {lines[0][90..]}\n"
                + string.Concat(lines[1..].Select(l => $"2026-01-01T00:00:01Z stdout F {l}\n"))
            : Docker(lines[0][..90]) + Docker(lines[0][90..] + "\n") + string.Concat(lines[1..].Select(l => Docker(l + "\n")));

        var (status, answer) = await Post("api/v1/ingest/hubble", new StringContent(body));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(3, answer!["accepted"]!.GetValue<int>());
        var stored = await server.Server.State.Store.ReadAfterAsync(0, 10, Cancel);
        Assert.Equal(lines, stored.Select(r => Encoding.UTF8.GetString(r.Body)));
    }

    [Fact]
    public async Task A_retried_body_is_acknowledged_again_and_stored_once()
    {
        await Post("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 20)));
        var (status, body) = await Post("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(10, 20)));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((20, 10), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
        Assert.Equal(30, await Stored());
    }

    [Fact]
    public async Task A_gzip_body_is_read()
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Bodies.Hubble(0, 5)), Cancel);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");

        var (status, _) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(5, await Stored());
    }

    [Theory]
    [InlineData("GZIP")]
    [InlineData("x-gzip")]
    public async Task Gzip_named_in_capitals_or_by_its_x_alias_is_read(string encoding)
    {
        // RFC 9110: content codings are case-insensitive, and a recipient should treat x-gzip as gzip.
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Bodies.Hubble(0, 5)), Cancel);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add(encoding);

        var (status, _) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(5, await Stored());
    }

    [Fact]
    public async Task A_body_with_one_malformed_line_is_refused_whole_with_400_naming_the_line()
    {
        var (status, body) = await Post("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 3) + "{\"flow\": not json}\n" + Bodies.Hubble(3, 3)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(":4", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task An_oversized_body_gets_413_and_nothing_is_stored()
    {
        var (status, body) = await Post("api/v1/ingest/hubble", new StringContent(Bodies.Hubble(0, 1000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("the request body exceeds --max-body-bytes (65536 bytes)", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task A_gzip_bomb_gets_413()
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            await gzip.WriteAsync(new byte[10 << 20], Cancel);
        Assert.True(buffer.Length < 64 * 1024);

        var (status, body) = await Post("api/v1/ingest/hubble", new ByteArrayContent(buffer.ToArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("the decompressed body exceeds --max-body-bytes (65536 bytes)", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task An_unknown_flow_format_is_400()
    {
        var (status, body) = await Post("api/v1/ingest/flows?format=pcap", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("pcap", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_flow_format_is_400_saying_which_formats_there_are()
    {
        var (status, body) = await Post("api/v1/ingest/flows", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("format is required: vpc, gcp, csv or hubble", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("gzip, br")]
    public async Task A_content_encoding_other_than_gzip_is_415_and_nothing_is_stored(string encoding)
    {
        var content = new StringContent(Bodies.Hubble(0, 3));
        foreach (var value in encoding.Split(", "))
            content.Headers.ContentEncoding.Add(value);

        var (status, body) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Encoding", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task A_body_declared_gzip_that_is_not_is_400_and_nothing_is_stored()
    {
        var content = new StringContent(Bodies.Hubble(0, 3));
        content.Headers.ContentEncoding.Add("gzip");

        var (status, body) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("the body is not valid gzip", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(200)]
    public async Task A_gzip_body_cut_short_is_400_and_nothing_is_stored(int cut)
    {
        // A proxy or a client that dies mid-send: without the trailer the records read so far must not pass for the batch.
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Bodies.Hubble(0, 200)), Cancel);
        var content = new ByteArrayContent(buffer.ToArray()[..^cut]);
        content.Headers.ContentEncoding.Add("gzip");

        var (status, body) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("the body is not valid gzip: it ends before the gzip stream does (cut short?)", body!["error"]!.GetValue<string>());
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task An_empty_body_declared_gzip_is_400_as_an_empty_body()
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentEncoding.Add("gzip");

        var (status, body) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("the request body is empty", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gzip_members_one_after_another_are_read_whole()
    {
        // cat a.gz b.gz: a valid gzip body of two members.
        using var buffer = new MemoryStream();
        foreach (var (first, count) in new[] { (0, 3), (3, 4) })
        {
            await using var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Bodies.Hubble(first, count)), Cancel);
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");

        var (status, _) = await Post("api/v1/ingest/hubble", content);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(7, await Stored());
    }

    [Theory]
    [InlineData("{\"kind\":\"EventList\",\"items\":[{\"kind\":\"Event\"", "the body is not JSON at line 1, byte 45: ")]
    [InlineData("{\n  \"kind\": \"EventList\",\n  \"items\": [}\n", "the body is not JSON at line 3, byte 13: ")]
    public async Task A_malformed_audit_body_is_one_400_line_naming_the_line_and_byte_from_1(string text, string expected)
    {
        // The first body is 44 bytes cut inside the list: the error is just past its end. The second has a '}' at byte 13 of line 3.
        var (status, body) = await Post("api/v1/ingest/audit", new StringContent(text));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body!["error"]!.GetValue<string>();
        Assert.StartsWith(expected, error);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task A_single_audit_event_is_accepted_as_one()
    {
        var list = JsonNode.Parse(Bodies.AuditList(("id-5", "delete", "networkpolicies", "shop", "deny-all", "mallory")))!;
        var single = list["items"]![0]!.ToJsonString();

        var (status, body) = await Post("api/v1/ingest/audit", new StringContent(single));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((1, 0), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
        Assert.Equal(1, await server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task Audit_events_one_after_another_are_read_as_lines_or_pretty_printed()
    {
        var items = JsonNode.Parse(Bodies.AuditList(("id-a", "delete", "networkpolicies", "shop", "a", "mallory"), ("id-b", "delete", "networkpolicies", "shop", "b", "mallory")))!["items"]!.AsArray();
        var pretty = string.Join('\n', items.Select(i => i!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
        var lines = string.Join('\n', items.Select(i => i!.ToJsonString())).Replace("id-a", "id-c", StringComparison.Ordinal).Replace("id-b", "id-d", StringComparison.Ordinal);

        var (prettyStatus, prettyAnswer) = await Post("api/v1/ingest/audit", new StringContent(pretty));
        var (linesStatus, linesAnswer) = await Post("api/v1/ingest/audit", new StringContent(lines));
        var (brokenStatus, _) = await Post("api/v1/ingest/audit", new StringContent(lines + "\n{\"kind\":"));
        var prettyList = JsonNode.Parse(Bodies.AuditList(("id-e", "delete", "networkpolicies", "shop", "e", "mallory")))!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var (listStatus, _) = await Post("api/v1/ingest/audit", new StringContent(prettyList));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.BadRequest), (prettyStatus, linesStatus, brokenStatus));
        Assert.Equal((2, 0, 2, 0), (prettyAnswer!["accepted"]!.GetValue<int>(), prettyAnswer["duplicates"]!.GetValue<int>(), linesAnswer!["accepted"]!.GetValue<int>(), linesAnswer["duplicates"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Accepted, listStatus);
        Assert.Equal(5, await server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task An_empty_event_list_is_accepted_as_nothing()
    {
        var (status, body) = await Post("api/v1/ingest/audit", new StringContent("""{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[]}"""));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((0, 0), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("api/v1/ingest/hubble")]
    [InlineData("api/v1/ingest/flows?format=csv")]
    [InlineData("api/v1/ingest/audit")]
    public async Task An_empty_body_is_400_saying_so(string path)
    {
        var (status, body) = await Post(path, new StringContent(""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("empty", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pretty_printed_gcp_array_as_gcloud_writes_it_stores_each_entry_whole()
    {
        const string body = """
            [
              {
                "jsonPayload": {
                  "connection": {"src_ip": "10.0.0.1", "dest_ip": "10.0.0.2", "protocol": 6, "src_port": 5353, "dest_port": 53},
                  "start_time": "2024-06-01T08:00:00Z",
                  "end_time": "2024-06-01T08:00:05Z"
                },
                "timestamp": "2024-06-01T08:00:10Z"
              },
              {
                "jsonPayload": {
                  "connection": {"src_ip": "10.0.0.3", "dest_ip": "10.0.0.4", "protocol": 6, "src_port": 5354, "dest_port": 80},
                  "start_time": "2024-06-01T08:01:00Z",
                  "end_time": "2024-06-01T08:01:05Z"
                },
                "timestamp": "2024-06-01T08:01:10Z"
              }
            ]
            """;

        var (status, answer) = await Post("api/v1/ingest/flows?format=gcp", new StringContent(body));
        var flows = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/flows?limit=10", Cancel))!;

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((2, 0), (answer!["accepted"]!.GetValue<int>(), answer["duplicates"]!.GetValue<int>()));
        Assert.Equal(2, flows["total"]!.GetValue<long>());
        Assert.Equal([("10.0.0.1", "10.0.0.2", 53), ("10.0.0.3", "10.0.0.4", 80)],
            flows["flows"]!.AsArray().Select(f => (f!["srcIP"]!.GetValue<string>(), f["dstIP"]!.GetValue<string>(), f["port"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Pretty_printed_hubble_flows_are_stored_whole_and_a_compact_array_too()
    {
        var lines = Bodies.Hubble(0, 4).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pretty = string.Join('\n', lines.Take(2).Select(l => JsonNode.Parse(l)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));
        var array = "[" + string.Join(",", lines.Skip(2)) + "]";

        var (prettyStatus, prettyAnswer) = await Post("api/v1/ingest/hubble", new StringContent(pretty));
        var (arrayStatus, arrayAnswer) = await Post("api/v1/ingest/hubble", new StringContent(array));
        var flows = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/flows?limit=10", Cancel))!;

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (prettyStatus, arrayStatus));
        Assert.Equal((2, 0, 2, 0), (prettyAnswer!["accepted"]!.GetValue<int>(), prettyAnswer["duplicates"]!.GetValue<int>(), arrayAnswer!["accepted"]!.GetValue<int>(), arrayAnswer["duplicates"]!.GetValue<int>()));
        Assert.Equal(["2023-11-14T22:13:20Z", "2023-11-14T22:13:20.001Z", "2023-11-14T22:13:20.002Z", "2023-11-14T22:13:20.003Z"],
            flows["flows"]!.AsArray().Select(f => f!["time"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Hubble_lines_after_a_byte_order_mark_are_read()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Bodies.Hubble(0, 3))).ToArray();

        var (status, answer) = await Post("api/v1/ingest/hubble", new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(3, answer!["accepted"]!.GetValue<int>());
        Assert.Equal(3, await Stored());
    }

    [Fact]
    public async Task Vpc_flows_keep_their_header_and_read_back_with_their_action()
    {
        const string vpc = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
            + "2 123456789012 eni-0a1b2c3d 10.0.0.1 203.0.113.9 40000 443 6 3 180 1709287200 1709287260 ACCEPT OK\n"
            + "2 123456789012 eni-0a1b2c3d 10.0.0.1 203.0.113.9 40001 22 6 3 180 1709287200 1709287260 REJECT OK\n";

        var (status, answer) = await Post("api/v1/ingest/flows?format=vpc", new StringContent(vpc));
        var flows = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/flows?limit=10", Cancel))!;

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, answer!["accepted"]!.GetValue<int>());
        Assert.Equal(2, flows["total"]!.GetValue<long>());
        Assert.Equal([(443, "vpc"), (22, "vpc")], flows["flows"]!.AsArray().Select(f => (f!["port"]!.GetValue<int>(), f["format"]!.GetValue<string>())));
        Assert.Equal(["FORWARDED", "DROPPED"], flows["flows"]!.AsArray().Select(f => f!["verdict"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Csv_flows_keep_their_header_and_read_back()
    {
        var csv = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-03-01T10:00:00Z,10.0.0.1,40000,203.0.113.9,443,TCP,100,FORWARDED\n2024-03-01T10:00:01Z,10.0.0.1,40001,203.0.113.9,443,TCP,100,DROPPED\n";

        var (status, _) = await Post("api/v1/ingest/flows?format=csv", new StringContent(csv));
        var flows = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/flows?limit=10", Cancel))!;

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, flows["total"]!.GetValue<long>());
        Assert.Equal(["FORWARDED", "DROPPED"], flows["flows"]!.AsArray().Select(f => f!["verdict"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_audit_event_list_is_stored_per_event_and_a_resent_list_is_recognised_by_audit_id()
    {
        var list = Bodies.AuditList(("id-1", "delete", "networkpolicies", "shop", "deny-all", "mallory"), ("id-2", "get", "networkpolicies", "shop", "x", "alice"));

        var (first, body1) = await Post("api/v1/ingest/audit", new StringContent(list));
        var (second, body2) = await Post("api/v1/ingest/audit", new StringContent(list.Replace("\"level\":\"Metadata\"", "\"level\": \"Metadata\"", StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second));
        Assert.Equal(0, body1!["duplicates"]!.GetValue<int>());
        Assert.Equal(2, body2!["duplicates"]!.GetValue<int>());
        Assert.Equal(2, await server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel));
    }

    [Fact]
    public async Task An_audit_body_that_is_not_events_is_400()
    {
        var (status, _) = await Post("api/v1/ingest/audit", new StringContent("""{"kind":"EventList","items":[{"kind":"Pod"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_malformed_event_in_a_webhook_batch_does_not_lose_the_good_ones()
    {
        // The API server's webhook does not retry a 400: refusing the batch whole would drop its good events for ever.
        var list = JsonNode.Parse(Bodies.AuditList(
            ("id-a", "delete", "networkpolicies", "shop", "a", "mallory"),
            ("id-b", "delete", "networkpolicies", "shop", "b", "mallory"),
            ("id-c", "delete", "networkpolicies", "shop", "c", "mallory")))!;
        list["items"]![1]!["requestReceivedTimestamp"] = "yesterday";
        list["items"]!.AsArray().Add(JsonNode.Parse("""{"kind":"Pod"}"""));

        var (status, body) = await Post("api/v1/ingest/audit", new StringContent(list.ToJsonString()));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((2, 0, 2), (body!["accepted"]!.GetValue<int>(), body["duplicates"]!.GetValue<int>(), body["rejected"]!.GetValue<int>()));
        var error = body["error"]!.GetValue<string>();
        Assert.StartsWith("items[1]: ", error);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(2, await server.Server.State.Store.CountSinceAsync(RecordKind.Audit, DateTimeOffset.UnixEpoch, Cancel));
        Assert.Contains("palisade_ingest_rejected_total{kind=\"audit\"} 2", await server.Client.GetStringAsync("metrics", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_without_a_bad_event_says_none_was_rejected()
    {
        var (status, body) = await Post("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-z", "get", "networkpolicies", "shop", "z", "alice"))));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(0, body!["rejected"]!.GetValue<int>());
        Assert.Null(body["error"]);
    }

    [Fact]
    public async Task Detection_runs_on_committed_audit_events_and_alerts_are_listed_by_rule()
    {
        await Post("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-9", "delete", "networkpolicies", "shop", "deny-all", "mallory"))));

        var alerts = await Eventually(async () =>
        {
            var list = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts?detector=network-policy-tampering", Cancel))!["alerts"]!.AsArray();
            return list.Count > 0 ? list : null;
        });

        Assert.Equal("NetworkPolicy shop/deny-all", alerts[0]!["object"]!.GetValue<string>());
        Assert.Equal("mallory", alerts[0]!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Detection_runs_on_committed_flows()
    {
        // The metadata service, from an address no cluster knows: a control-plane and metadata detector need pods, so port-scan shows detection ran.
        var scan = string.Concat(Enumerable.Range(0, 25).Select(p => Bodies.Hubble(p, 1).Replace("\"destination_port\":443", $"\"destination_port\":{8000 + p}", StringComparison.Ordinal)));
        await Post("api/v1/ingest/hubble", new StringContent(scan));

        var alerts = await Eventually(async () =>
        {
            var list = JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts?detector=port-scan", Cancel))!["alerts"]!.AsArray();
            return list.Count > 0 ? list : null;
        });

        Assert.Equal("203.0.113.9", alerts[0]!["dst"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_alert_is_pushed_on_the_alert_stream_when_it_is_stored()
    {
        using var stream = await server.Client.GetStreamAsync("api/v1/alerts/stream", Cancel);
        using var reader = new StreamReader(stream);
        Assert.StartsWith(": palisade alert stream", await reader.ReadLineAsync(Cancel));
        await Post("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-7", "delete", "networkpolicies", "shop", "allow-web", "eve"))));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("event: ", StringComparison.Ordinal))
        {
        }
        var data = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("event: alert", line);
        var alert = JsonNode.Parse(data!["data: ".Length..])!;
        Assert.Equal(("network-policy-tampering", "NetworkPolicy shop/allow-web", "eve"),
            (alert["rule"]!.GetValue<string>(), alert["object"]!.GetValue<string>(), alert["user"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_alert_stream_client_reconnecting_with_the_last_event_id_gets_the_alerts_it_missed()
    {
        string lastId;
        using (var first = await OpenAlertStream(null))
        {
            await Post("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-s1", "delete", "networkpolicies", "shop", "one", "eve"))));
            (lastId, _) = await NextEvent(first);
        }
        await Post("api/v1/ingest/audit", new StringContent(Bodies.AuditList(("id-s2", "delete", "networkpolicies", "shop", "two", "eve"))));
        await Eventually(async () => JsonNode.Parse(await server.Client.GetStringAsync("api/v1/alerts", Cancel))!["alerts"]!.AsArray().Count == 2 ? "" : null);

        using var again = await OpenAlertStream(lastId);
        var (id, alert) = await NextEvent(again);

        Assert.True(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(lastId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("NetworkPolicy shop/two", alert["object"]!.GetValue<string>());
    }

    private async Task<StreamReader> OpenAlertStream(string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/alerts/stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.StartsWith(": palisade alert stream", await reader.ReadLineAsync(Cancel));
        return reader;
    }

    private static async Task<(string Id, JsonNode Data)> NextEvent(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        string? id = null;
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line["id: ".Length..];
        }
        Assert.NotNull(id);
        return (id, JsonNode.Parse(line!["data: ".Length..])!);
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            Assert.True(DateTime.UtcNow < deadline, "not within 20 s");
            await Task.Delay(100, Cancel);
        }
    }
}
