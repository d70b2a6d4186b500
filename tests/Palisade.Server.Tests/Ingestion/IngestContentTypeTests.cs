using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>
/// Content types at the ingest endpoints: any type an exporter sends is read by the route's format, but a multipart upload
/// (<c>curl -F</c>) is 415 saying how to send the file; a form-encoded body (what <c>curl --data-binary</c> declares) is read,
/// and when <c>curl -d</c> stripped its line ends the 400 says to use <c>--data-binary</c>; nothing is stored on refusal.
/// </summary>
public sealed class IngestContentTypeTests : IAsyncLifetime
{
    private TestServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => server = await TestServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private Task<long> Stored() => server.Server.State.Store.CountSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, Cancel);

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/octet-stream")]
    public async Task Hubble_lines_are_read_whatever_type_an_exporter_declares(string type)
    {
        using var content = new StringContent(Bodies.Hubble(0, 3), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", content, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, await Stored());
    }

    [Fact]
    public async Task A_multipart_upload_is_415_saying_to_send_the_file_as_the_body()
    {
        using var form = new MultipartFormDataContent { { new StringContent(Bodies.Hubble(0, 3)), "file", "flows.json" } };

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", form, Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("--data-binary", JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await Stored());
    }

    [Fact]
    public async Task A_body_sent_with_curl_data_binary_which_declares_a_form_type_is_read_by_the_route()
    {
        // curl --data-binary @flows.json (the README's command) keeps the line ends but declares application/x-www-form-urlencoded.
        using var content = new StringContent(Bodies.Hubble(0, 3), Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", content, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, await Stored());
    }

    [Fact]
    public async Task A_form_encoded_body_whose_line_ends_curl_d_stripped_is_400_saying_to_send_it_with_data_binary()
    {
        const string csv = "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.0.0.1,40000,10.0.0.2,80,TCP,10,ALLOW\n";
        using var content = new StringContent(csv.Replace("\n", "", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Client.PostAsync("api/v1/ingest/flows?format=csv", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>();
        Assert.Contains("--data-binary", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(0, await Stored());
    }
}
