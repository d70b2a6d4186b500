using Palisade.Cli.Rendering;
using Palisade.Kubernetes.Live;

namespace Palisade.Cli.Tests.Live;

/// <summary>The live read's progress line: rewritten in place, throttled, erased at the end, and only on a terminal.</summary>
public sealed class LiveProgressLineTests
{
    [Fact]
    public void The_line_names_the_kind_and_count_and_is_erased_at_the_end()
    {
        var error = new StringWriter();

        using (var line = new LiveProgressLine(error))
            line.Report(new ReadProgress("pods", 3500, 4, 26));

        const string Text = "reading pods 3,500… (4/26 kinds)";
        Assert.Equal("\r" + Text + "\r" + new string(' ', Text.Length) + "\r", error.ToString());
    }

    [Fact]
    public void Reports_closer_than_a_tenth_of_a_second_are_not_drawn()
    {
        var error = new StringWriter();
        var line = new LiveProgressLine(error);

        line.Report(new ReadProgress("pods", 500, 0, 26));
        line.Report(new ReadProgress("pods", 1000, 0, 26));

        Assert.Equal("\rreading pods 500… (0/26 kinds)", error.ToString());
    }

    [Fact]
    public void Nothing_is_drawn_when_standard_error_is_not_the_terminal()
    {
        Assert.Null(LiveProgressLine.On(new CliIo(TextReader.Null, TextWriter.Null, new StringWriter())));
    }
}
