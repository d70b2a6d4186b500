using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// Outputs the user names that cannot be written: refused before any work, in one line naming the option
/// (docs/semantics.md, "Output paths").
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Shop => RepoPaths.InRepo("examples", "shop");

    private static string ShopFlows => RepoPaths.InRepo("examples", "shop", "traffic", "hubble.jsonl");

    [Fact]
    public void A_baseline_output_that_is_a_directory_is_refused_by_its_option()
    {
        var run = CliRun.Of("flows", "baseline", ShopFlows, "--cluster", Shop, "-o", _dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {_dir.Path}: --output: is a directory; name the file to write\n", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_baseline_output_under_a_file_is_refused_by_its_option()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        var target = Path.Combine(file, "baseline.json");
        var run = CliRun.Of("flows", "baseline", ShopFlows, "--cluster", Shop, "-o", target);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {target}: --output: cannot be written: {file} is a file, not a directory\n", run.Error);
    }

    [Fact]
    public void A_generate_out_directory_that_is_a_file_is_refused_by_its_option()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        var run = CliRun.Of("generate", "--flows", ShopFlows, "--cluster", Shop, "--out", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {file}: --out: is a file; name the directory to write into\n", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_fix_dir_under_a_file_names_the_file_in_the_way()
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        var target = Path.Combine(file, "fixes");
        var run = CliRun.Of("lint", Shop, "--fix-dir", target);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {target}: --fix-dir: cannot be written: {file} is a file, not a directory\n", run.Error);
    }
}
