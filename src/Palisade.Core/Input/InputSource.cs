using System.IO.Compression;
using System.Text;
using Palisade.Model;

namespace Palisade.Input;

/// <summary>
/// An input file opened for streaming: gzip is recognised by its magic bytes and undone transparently, UTF-16 by its
/// byte order mark and read as UTF-8, and the first bytes of the content are kept so that readers can detect the format
/// without seeking.
/// </summary>
public sealed class InputSource : IDisposable
{
    private const int HeadSize = 8 * 1024;

    private InputSource(string name, Stream content, byte[] head, int headLength)
    {
        Name = name;
        Content = content;
        Head = head.AsMemory(0, headLength);
    }

    /// <summary>The name to show in messages: the path, or <c>-</c> for standard input.</summary>
    public string Name { get; }

    /// <summary>The (decompressed) content, from its first byte.</summary>
    public Stream Content { get; }

    /// <summary>Up to the first 8 KiB of the decompressed content, for format detection.</summary>
    public ReadOnlyMemory<byte> Head { get; }

    /// <summary>
    /// Opens a path, or <c>-</c> for <paramref name="standardInput"/>; a missing file is bad input. Standard input may be a
    /// live stream that gives a few records and then nothing for a while: its head stops short of 8 KiB as soon as
    /// <paramref name="decides"/> says the bytes read tell enough (the format), so that its first records are not held.
    /// </summary>
    public static InputSource Open(string path, Stream? standardInput = null, Func<ReadOnlyMemory<byte>, bool>? decides = null)
    {
        if (path == "-")
            return FromStream("-", standardInput ?? throw new InvalidInputException(null, null, null, "'-' given but no standard input is available"), decides);
        if (!File.Exists(path))
            throw new InvalidInputException(new SourceLocation(path), null, null, Directory.Exists(path) ? "is a directory; give the files" : "no such file");
        try
        {
            return FromStream(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan));
        }
        catch (IOException e)
        {
            throw new InvalidInputException(new SourceLocation(path), null, null, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InvalidInputException(new SourceLocation(path), null, null, "cannot be read: permission denied");
        }
    }

    /// <summary>
    /// Wraps an open stream (taking ownership), undoing gzip when the content starts with its magic bytes; the head is read
    /// up to 8 KiB, or until <paramref name="decides"/> says the bytes read tell enough.
    /// </summary>
    public static InputSource FromStream(string name, Stream stream, Func<ReadOnlyMemory<byte>, bool>? decides = null)
    {
        var head = new byte[HeadSize];
        // The raw bytes need only say whether they are compressed or UTF-16 (two bytes) before the content's head is read.
        var length = Fill(stream, head, decides is null ? null : raw => raw.Length >= 2 && (IsGzip(raw.Span) || IsUtf16(raw.Span) || decides(raw)));
        Stream content = new PrefixedStream(head, length, stream);
        if (IsGzip(head.AsSpan(0, length)))
        {
            content = new GZipStream(content, CompressionMode.Decompress);
            head = new byte[HeadSize];
            length = Fill(content, head, decides);
            content = new PrefixedStream(head, length, content);
        }
        // UTF-16 with its byte order mark, as Windows PowerShell 5's '>' writes what a command prints: read as the UTF-8
        // every reader expects (the mark becomes UTF-8's, which they skip).
        if (IsUtf16(head.AsSpan(0, length)))
        {
            var encoding = head[0] == 0xff ? Encoding.Unicode : Encoding.BigEndianUnicode;
            content = Encoding.CreateTranscodingStream(content, encoding, Encoding.UTF8);
            head = new byte[HeadSize];
            length = Fill(content, head, decides);
            content = new PrefixedStream(head, length, content);
        }
        return new InputSource(name, content, head, length);
    }

    private static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    private static bool IsUtf16(ReadOnlySpan<byte> head) => head.Length >= 2 && (head[0], head[1]) is (0xff, 0xfe) or (0xfe, 0xff);

    private static int Fill(Stream stream, byte[] buffer, Func<ReadOnlyMemory<byte>, bool>? decides)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                    break;
                total += read;
                if (decides is not null && decides(buffer.AsMemory(0, total)))
                    break;
            }
        }
        catch (InvalidDataException)
        {
            // A corrupt gzip stream: what was decompressed so far is the head; the reader reports the rest.
        }
        return total;
    }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();
}
