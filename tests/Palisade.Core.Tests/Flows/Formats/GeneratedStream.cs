namespace Palisade.Core.Tests.Flows.Formats;

/// <summary>
/// A read-only stream of <paramref name="length"/> bytes made by repeating a block of lines, so that gigabytes
/// of input can be read without ever existing in memory or on disk.
/// </summary>
internal sealed class GeneratedStream(byte[] block, long length) : Palisade.Input.ReadOnlyStream
{
    private long _position;

    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && _position < length)
        {
            var inBlock = (int)(_position % block.Length);
            var n = (int)Math.Min(Math.Min(buffer.Length - total, block.Length - inBlock), length - _position);
            block.AsSpan(inBlock, n).CopyTo(buffer[total..]);
            total += n;
            _position += n;
        }
        return total;
    }
}
