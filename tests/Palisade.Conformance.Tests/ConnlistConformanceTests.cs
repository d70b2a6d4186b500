using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>Runs np-guard's connlist cases and compares every listed format with its golden file, exactly.</summary>
public sealed class ConnlistConformanceTests
{
    public static TheoryData<string, string> Cases => ConnlistCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_np_guard_golden(string dir, string format)
    {
        var input = RepoPaths.Corpus("np-guard", "tests", dir);
        var golden = RepoPaths.Corpus("np-guard", "expected", "connlist", $"{dir}_connlist_output.{format}");

        var run = CliRun.Of("connectivity", input, "--np-guard", "-o", format);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Equal(File.ReadAllText(golden), run.Output);
    }

    public static TheoryData<string, string, string> FocusCases => ConnlistCases.Focused();

    [Theory]
    [MemberData(nameof(FocusCases))]
    public void Focused_output_matches_np_guard_golden(string dir, string focus, string format)
    {
        var input = RepoPaths.Corpus("np-guard", "tests", dir);

        var run = CliRun.Of("connectivity", input, "--np-guard", "--focus", focus, "-o", format);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Equal(File.ReadAllText(ConnlistCases.FocusGolden(dir, focus, format)), run.Output);
    }
}
