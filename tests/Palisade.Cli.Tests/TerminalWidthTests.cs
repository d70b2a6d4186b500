using Palisade.Cli.Rendering;
using Palisade.Kubernetes;
using Palisade.Posture;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Terminal output fits its width: piped output is COLUMNS or 120 wide, and narrow tables wrap on word boundaries.</summary>
public sealed class TerminalWidthTests
{
    [Theory]
    [InlineData(false, 0, null, 120)]
    [InlineData(false, 0, "100", 100)]
    [InlineData(false, 0, "junk", 120)]
    [InlineData(true, 80, "200", 80)]
    public void Width_is_the_terminal_s_else_COLUMNS_else_120(bool interactive, int window, string? columns, int expected) =>
        Assert.Equal(expected, Terminal.Width(interactive, window, columns));

    [Fact]
    public void At_80_columns_findings_wrap_between_words()
    {
        var result = LintUseCase.Run(ManifestSource.Load([RepoPaths.InRepo("examples", "shop")], lenient: true).Cluster, new LintOptions()).Findings;
        var output = new StringWriter { NewLine = "\n" };
        FindingsTable.Write(result, output, 80);
        var lines = output.ToString().Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80 || !l.Trim().Contains(' '), $"line too long: {l}"));
        var words = output.ToString().Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var word in result.Findings.SelectMany(f => f.Message.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            Assert.Contains(word, words);
    }

    [Fact]
    public void The_progress_line_names_the_phase_and_the_time_taken() =>
        Assert.Equal("palisade: proving fix 2 of 5… 3.2 s", PhaseProgress.Render("proving fix 2 of 5", TimeSpan.FromSeconds(3.21)));

    [Fact]
    public void Redirected_standard_error_gets_no_progress_line()
    {
        var run = CliRun.Of("lint", RepoPaths.InRepo("examples", "shop"));
        Assert.DoesNotContain("palisade: ", run.Error, StringComparison.Ordinal);
    }
}
