using System.IO.Compression;
using Palisade.Server.Api;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Reads a request body into memory within the limit, undoing gzip (by Content-Encoding or by its magic bytes) within
/// the same limit, so that neither a large body nor a small bomb can grow memory past it.
/// </summary>
public static class BodyReader
{
    /// <summary>The content, or <see cref="ApiProblem"/> 413 when it (or what it inflates to) exceeds <paramref name="limit"/>, 400 for broken or cut gzip.</summary>
    public static async Task<byte[]> ReadAsync(Stream body, bool gzipDeclared, long limit, CancellationToken cancellationToken)
    {
        var raw = await ReadLimitedAsync(body, limit, "request body", cancellationToken).ConfigureAwait(false);
        if (raw.Length == 0 || (!gzipDeclared && !(raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)))
            return raw;
        try
        {
            await using var inflating = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var inflated = await ReadLimitedAsync(inflating, limit, "decompressed body", cancellationToken).ConfigureAwait(false);
            return GzipTrailer.Matches(raw, inflated)
                ? inflated
                : throw ApiProblem.BadRequest("the body is not valid gzip: it ends before the gzip stream does (cut short?)");
        }
        catch (InvalidDataException e)
        {
            throw ApiProblem.BadRequest($"the body is not valid gzip: {e.Message}");
        }
    }

    /// <summary>The 413's message, naming the option that sets the limit, also for a body Kestrel refuses by its length.</summary>
    public static string TooLargeMessage(string what, long limit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the {what} exceeds --max-body-bytes ({limit} bytes)");

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, long limit, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return buffer.ToArray();
            if (buffer.Length + read > limit)
                throw ApiProblem.TooLarge(TooLargeMessage(what, limit));
            buffer.Write(chunk, 0, read);
        }
    }
}
