using System.Text;
using Palisade.Input;

namespace Palisade.Core.Tests.Input;

public sealed class LineReaderTests
{
    [Fact]
    public void CRLF_LF_empty_lines_and_a_last_line_without_newline()
    {
        Assert.Equal(["a", "", "b", "", "c d", "last"], Lines("a\r\n\r\nb\n\nc d\r\nlast"));
        Assert.Equal(["only"], Lines("only\n"));
        Assert.Empty(Lines(""));
        Assert.Equal([""], Lines("\n"));
    }

    [Fact]
    public void A_lone_carriage_return_inside_a_line_is_kept()
    {
        Assert.Equal(["a\rb"], Lines("a\rb\r\n"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void An_overlong_line_in_the_middle_is_skipped_then_normal_lines_follow(int chunk)
    {
        var text = "first\n" + new string('x', 300_000) + "\nsecond\nthird";
        var reader = new LineReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), chunk), maxLineBytes: 100_000);
        var seen = new List<(string, bool, long)>();
        while (reader.Next(out var line))
            seen.Add((Encoding.UTF8.GetString(line), reader.Overlong, reader.LineNumber));
        Assert.Equal([("first", false, 1), ("", true, 2), ("second", false, 3), ("third", false, 4)], seen);
        Assert.Equal(text.Length, reader.BytesRead);
    }

    [Fact]
    public void An_overlong_last_line_without_newline()
    {
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes("ok\n" + new string('y', 5000))), maxLineBytes: 1000);
        Assert.True(reader.Next(out _));
        Assert.True(reader.Next(out var line));
        Assert.True(reader.Overlong);
        Assert.True(line.IsEmpty);
        Assert.False(reader.Next(out _));
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(1100)]
    [InlineData(60_000)]
    public void A_line_just_over_the_limit_ending_in_the_buffer_is_overlong_too(int length)
    {
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('z', length) + "\nnext\n")), maxLineBytes: 1000);
        Assert.True(reader.Next(out _));
        Assert.True(reader.Overlong);
        Assert.True(reader.Next(out var next));
        Assert.False(reader.Overlong);
        Assert.Equal("next", Encoding.UTF8.GetString(next));
    }

    [Fact]
    public void A_line_exactly_at_the_limit_is_kept_with_or_without_CR()
    {
        var text = new string('z', 1000) + "\r\n" + new string('w', 1000) + "\n";
        var lines = Lines(text, 1000);
        Assert.Equal([new string('z', 1000), new string('w', 1000)], lines);
    }

    private static List<string> Lines(string text, int max = 1 << 20)
    {
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), max);
        var lines = new List<string>();
        while (reader.Next(out var line))
        {
            Assert.False(reader.Overlong);
            lines.Add(Encoding.UTF8.GetString(line));
        }
        return lines;
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read, as pipes and sockets do.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
