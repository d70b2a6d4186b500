using Palisade.Findings;
using Palisade.Kubernetes;

namespace Palisade.Posture.Tests;

/// <summary>
/// The fixtures of one check: <c>Fixtures/ID/positive.yaml</c>, whose <c># expect: Kind ns/name</c> lines list
/// exactly the resources the check must flag, and <c>negative.yaml</c>, which it must not flag at all.
/// </summary>
public sealed record CheckFixture(string Id, string Directory)
{
    /// <summary>The fixtures folder beside the test binaries.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The positive fixture's path: positive.yaml, or a positive/ directory for checks about files.</summary>
    public string Positive => Fixture("positive");

    /// <summary>The negative fixture's path.</summary>
    public string Negative => Fixture("negative");

    private string Fixture(string name) =>
        System.IO.Directory.Exists(Path.Combine(Directory, name)) ? Path.Combine(Directory, name) : Path.Combine(Directory, name + ".yaml");

    /// <summary>The fixture of the check.</summary>
    public static CheckFixture Of(string id) => new(id, Path.Combine(Root, id));

    /// <summary>The resources the positive fixture declares it expects, as <c>Kind ns/name</c>.</summary>
    public IReadOnlyList<string> Expected() =>
        (System.IO.Directory.Exists(Positive) ? System.IO.Directory.EnumerateFiles(Positive, "*", SearchOption.AllDirectories) : [Positive])
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("# expect:", StringComparison.Ordinal))
            .Select(l => l["# expect:".Length..].Trim())
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Runs every check on a fixture file and returns the findings of this one.</summary>
    public IReadOnlyList<Finding> Run(string path)
    {
        var loaded = ManifestSource.Load([path], lenient: true, options: new InputOptions { Strict = false });
        var result = LintUseCase.Run(loaded.Cluster, new LintOptions()).Findings;
        return result.Findings.Where(f => f.Rule.Id == Id).ToArray();
    }
}
