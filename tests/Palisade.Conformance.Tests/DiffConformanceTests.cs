using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>Runs np-guard's diff cases and compares every listed format with its golden file, exactly.</summary>
public sealed class DiffConformanceTests
{
    public static TheoryData<string, string, string> Cases => DiffCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diff_matches_np_guard_golden(string ref1, string ref2, string format)
    {
        var old = RepoPaths.Corpus("np-guard", "tests", ref1);
        var golden = RepoPaths.Corpus("np-guard", "expected", "diff", $"diff_between_{ref2}_and_{ref1}.{format}");

        var run = CliRun.Of("diff", old, RepoPaths.Corpus("np-guard", "tests", ref2), "--np-guard", "-o", format);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Equal(File.ReadAllText(golden), run.Output);
    }
}
