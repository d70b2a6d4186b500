using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>docs/checks.md is what <c>palisade checks -o md</c> prints, whole.</summary>
public sealed class ChecksCommandTests
{
    [Fact]
    public void The_checks_page_is_the_catalogue_as_printed()
    {
        var run = CliRun.Of("checks", "-o", "md");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("docs", "checks.md")), run.Output);
    }
}
