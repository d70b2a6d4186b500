using System.Text;
using Palisade.Input;

namespace Palisade.Core.Tests.Input;

/// <summary>Bounded lines: terminators, the limit, and what follows an overlong line.</summary>
public sealed class LineReaderTests
{
    private static List<(long Number, string Text, bool Overlong)> Lines(string text, int maxLineBytes)
    {
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes);
        var lines = new List<(long, string, bool)>();
        while (reader.Next(out var line))
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line), reader.Overlong));
        return lines;
    }

    [Fact]
    public void Lines_end_at_LF_or_CRLF_and_the_last_needs_no_terminator() =>
        Assert.Equal([(1, "a", false), (2, "", false), (3, "b", false), (4, "c", false)], Lines("a\n\r\nb\r\nc", 100));

    [Fact]
    public void A_line_over_the_limit_is_skipped_and_the_next_one_read() =>
        Assert.Equal([(1, "short", false), (2, "", true), (3, "next", false)], Lines("short\n" + new string('x', 5000) + "\nnext\n", 1000));

    [Fact]
    public void A_line_just_over_a_large_limit_is_overlong_even_when_the_buffer_holds_it_whole()
    {
        // 1 MiB + 100 bytes: the buffer, grown to the limit plus 64 KiB, finds its end in one piece.
        const int limit = 1 << 20;
        var lines = Lines(new string('x', limit - 10) + "\n" + new string('y', limit + 100) + "\nend\n", limit);
        Assert.Equal([false, true, false], lines.Select(l => l.Overlong));
        Assert.Equal("end", lines[2].Text);
    }

    [Fact]
    public void A_line_at_the_limit_is_not_overlong()
    {
        var lines = Lines(new string('x', 1000) + "\n", 1000);
        Assert.False(Assert.Single(lines).Overlong);
    }
}
