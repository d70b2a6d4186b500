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

    [Theory]
    [InlineData("flows baseline FLOWS --cluster SHOP -o DIR", "DIR: --output: is a directory; name the file to write")]
    [InlineData("flows baseline FLOWS --cluster SHOP -o FILE/baseline.json", "FILE/baseline.json: --output: cannot be written: FILE is a file, not a directory")]
    [InlineData("generate --flows FLOWS --cluster SHOP --out FILE", "FILE: --out: is a file; name the directory to write into")]
    [InlineData("lint SHOP --fix-dir FILE/fixes", "FILE/fixes: --fix-dir: cannot be written: FILE is a file, not a directory")]
    public void An_output_that_cannot_be_written_is_refused_by_its_option_before_any_output(string command, string problem)
    {
        var file = _dir.File("plain");
        File.WriteAllText(file, "x");
        string Fill(string text) => text.Replace("FLOWS", ShopFlows, StringComparison.Ordinal).Replace("SHOP", Shop, StringComparison.Ordinal)
            .Replace("DIR", _dir.Path, StringComparison.Ordinal).Replace("FILE", file, StringComparison.Ordinal);
        var run = CliRun.Of(command.Split(' ').Select(Fill).ToArray());
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {Fill(problem)}\n", run.Error);
        Assert.Equal("", run.Output);
    }
}
