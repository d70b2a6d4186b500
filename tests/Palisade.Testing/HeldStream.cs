namespace Palisade.Testing;

/// <summary>
/// A live stream for tests: gives its bytes, then waits (up to 20 s) until the reader under test has handed over a
/// record, then ends. A reader that holds its first records until more input comes fails the assertion.
/// </summary>
public sealed class HeldStream(byte[] first, ManualResetEventSlim handedOver) : Palisade.Input.ReadOnlyStream
{
    private int _position;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var read = Math.Min(buffer.Length, first.Length - _position);
        if (read == 0)
        {
            Assert.True(handedOver.Wait(TimeSpan.FromSeconds(20)), "the reader waited for more input before handing over the first record");
            return 0;
        }
        first.AsSpan(_position, read).CopyTo(buffer);
        _position += read;
        return read;
    }
}
