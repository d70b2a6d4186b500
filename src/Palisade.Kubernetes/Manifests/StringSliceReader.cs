namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Reads a string from an offset on without copying it, so that parsing each of many JSON values of one file
/// (<see cref="ManifestReader"/>) costs the value's length, not the rest of the file's.
/// </summary>
internal sealed class StringSliceReader(string text, int start) : TextReader
{
    private int _position = start;

    public override int Peek() => _position < text.Length ? text[_position] : -1;

    public override int Read() => _position < text.Length ? text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, text.Length - _position);
        text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
