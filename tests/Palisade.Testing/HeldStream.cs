namespace Palisade.Testing;

/// <summary>
/// A live stream for tests: gives its bytes, then waits (up to 20 s) until the reader under test has handed over a
/// record, then ends. A reader that holds its first records until more input comes fails the assertion.
/// </summary>
public sealed class HeldStream(byte[] first, ManualResetEventSlim handedOver) : Stream
{
    private int _position;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Math.Min(count, first.Length - _position);
        if (read == 0)
        {
            Assert.True(handedOver.Wait(TimeSpan.FromSeconds(20)), "the reader waited for more input before handing over the first record");
            return 0;
        }
        first.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
        _position += read;
        return read;
    }

    /// <inheritdoc />
    public override void Flush() { }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
