using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>The 1.20 copy of examples/shop says the same as the example, so the e2e tests may hold the server to it.</summary>
public sealed class ShopFor120Tests
{
    [Fact]
    public void Its_connectivity_is_the_examples()
    {
        var copy = CliRun.Of(["connectivity", .. ShopFor120.Files]);

        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.Equal(CliRun.Of("connectivity", RepoPaths.InRepo("examples", "shop")).Output, copy.Output);
    }

    [Fact]
    public void Every_replacement_stands_in_for_a_file_of_the_example()
    {
        var fixtures = RepoPaths.InRepo("tests", "Palisade.EndToEnd.Tests", "Fixtures", "shop-1.20");

        var replacements = Directory.EnumerateFiles(fixtures, "*", SearchOption.AllDirectories).ToList();

        Assert.NotEmpty(replacements);
        Assert.All(replacements, f =>
        {
            Assert.True(File.Exists(RepoPaths.InRepo(["examples", "shop", .. Path.GetRelativePath(fixtures, f).Split('/')])), f);
            Assert.Contains(f, ShopFor120.Files);
        });
    }
}
