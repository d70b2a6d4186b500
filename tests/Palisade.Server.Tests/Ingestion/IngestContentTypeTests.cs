using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Palisade.Server.Storage;
using Palisade.Server.Tests.Support;

namespace Palisade.Server.Tests.Ingestion;

/// <summary>
/// Content types at the ingest endpoints: any type an exporter sends is read by the route's format, but an HTML form's
/// body (<c>curl -F</c> uploads, <c>curl -d @file</c>, which also strips the line ends) is 415 saying how to send the
/// file, and nothing is stored.
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
    public async Task A_form_encoded_body_as_curl_d_sends_it_is_415_saying_to_send_the_file_as_the_body()
    {
        // curl -d @flows.csv: the line ends are gone, and the type says so.
        using var content = new StringContent(Bodies.Hubble(0, 3).Replace("\n", "", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Client.PostAsync("api/v1/ingest/hubble", content, Cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("--data-binary", JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await Stored());
    }
}
