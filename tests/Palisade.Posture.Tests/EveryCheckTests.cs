using Palisade.Findings;

namespace Palisade.Posture.Tests;

/// <summary>Each check flags exactly what its positive fixture expects and nothing in its negative fixture.</summary>
public sealed class EveryCheckTests
{
    public static TheoryData<string> Ids => [.. CheckCatalog.All.Select(c => c.Info.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Positive_fixture_is_flagged_exactly_as_expected(string id)
    {
        var fixture = CheckFixture.Of(id);
        Assert.True(File.Exists(fixture.Positive) || Directory.Exists(fixture.Positive), $"check {id} has no positive fixture at {fixture.Positive}");
        var expected = fixture.Expected();
        Assert.NotEmpty(expected);
        var found = fixture.Run(fixture.Positive).Select(f => f.Subject).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Negative_fixture_is_not_flagged(string id)
    {
        var fixture = CheckFixture.Of(id);
        Assert.True(File.Exists(fixture.Negative) || Directory.Exists(fixture.Negative), $"check {id} has no negative fixture at {fixture.Negative}");
        var found = fixture.Run(fixture.Negative);
        Assert.True(found.Count == 0, $"{id} flagged its negative fixture: {string.Join("; ", found.Select(f => $"{f.Resource}: {f.Message}"))}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Check_is_documented(string id)
    {
        var info = CheckCatalog.All.Single(c => c.Info.Id == id).Info;
        Assert.Matches("^PAL[0-9]{3}$", info.Id);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", info.Name);
        Assert.NotEmpty(info.References);
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
    }

    [Fact]
    public void Ids_and_names_are_unique()
    {
        var infos = CheckCatalog.All.Select(c => c.Info).ToArray();
        Assert.Equal(infos.Length, infos.Select(i => i.Id).Distinct().Count());
        Assert.Equal(infos.Length, infos.Select(i => i.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Check_is_in_the_catalogue_page(string id)
    {
        var info = CheckCatalog.All.Single(c => c.Info.Id == id).Info;
        var page = File.ReadAllText(Palisade.Testing.RepoPaths.InRepo("docs", "checks.md"));
        Assert.Contains($"### {info.Id} {info.Name} ({info.Severity.Name()})", page, StringComparison.Ordinal);
    }
}
