using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// Every np-guard input directory through <c>lint</c> and <c>scan -o html</c>: findings (exit 0) or one clear
/// line for bad input (exit 2), never an internal error. Duplicate objects, which connectivity rejects,
/// are findings here.
/// </summary>
public sealed class PostureRobustnessTests
{
    public static TheoryData<string> Directories()
    {
        var data = new TheoryData<string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)");
            return data;
        }
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(RepoPaths.CorpusRoot, "np-guard", "tests")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            data.Add(dir!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Directories))]
    public void Lint_and_scan_either_report_or_reject_cleanly(string dir)
    {
        var path = RepoPaths.Corpus("np-guard", "tests", dir);
        var lint = CliRun.Of("lint", path, "-o", "json");
        Assert.True(lint.ExitCode is 0 or 2, $"lint exited {lint.ExitCode}: {lint.Error}");
        if (lint.ExitCode == 2)
        {
            Assert.Single(lint.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
            return;
        }
        var scan = CliRun.Of("scan", path, "-o", "html");
        Assert.Equal(0, scan.ExitCode);
        System.Xml.Linq.XDocument.Parse(scan.Output);
    }

    [Fact]
    public void Duplicate_policy_names_are_a_finding_for_lint()
    {
        var lint = CliRun.Of("lint", RepoPaths.Corpus("np-guard", "tests", "np_bad_path_test_1"), "-o", "json");
        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("\"id\": \"PAL209\"", lint.Output, StringComparison.Ordinal);
    }
}
