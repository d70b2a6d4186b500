using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// Our own outputs on examples/shop (and its diff against Inputs/shop-changed), compared byte for byte with
/// the files in Goldens/. <c>PALISADE_UPDATE_GOLDENS=1 dotnet test</c> rewrites them instead; review the
/// change with <c>git diff</c>.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string Shop = RepoPaths.InRepo("examples", "shop");
    private static readonly string Changed = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Inputs", "shop-changed");

    public static TheoryData<string, string[]> Cases => new()
    {
        { "shop.connectivity.txt", ["connectivity", Shop, "-o", "txt"] },
        { "shop.connectivity.json", ["connectivity", Shop, "-o", "json"] },
        { "shop.connectivity.exposure.txt", ["connectivity", Shop, "--exposure"] },
        { "shop.lint.json", ["lint", Shop, "-o", "json"] },
        { "shop.lint.sarif", ["lint", Shop, "-o", "sarif"] },
        { "shop.lint.md", ["lint", Shop, "-o", "md"] },
        { "shop.scan.json", ["scan", Shop, "-o", "json"] },
        { "shop.scan.html", ["scan", Shop, "-o", "html"] },
        { "shop-changed.diff.txt", ["diff", Shop, Changed] },
        { "shop-changed.diff.json", ["diff", Shop, Changed, "-o", "json"] },
        { "shop-changed.diff.sarif", ["diff", Shop, Changed, "-o", "sarif"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_its_golden(string golden, string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Error);
        Golden.Check(golden, Golden.WithoutRoot(run.Output));
    }
}
