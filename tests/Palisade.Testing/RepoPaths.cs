namespace Palisade.Testing;

/// <summary>Paths of the repository and of the shared corpus beside it, found from the test binaries.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (the folder holding Palisade.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The shared corpus folder, <c>../shared/corpus</c> from the repository root.</summary>
    public static string CorpusRoot => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    /// <summary>The shared tools folder, <c>../shared/tools</c> from the repository root.</summary>
    public static string SharedTool(params string[] parts) =>
        Path.GetFullPath(Path.Combine([Root, "..", "shared", "tools", .. parts]));

    /// <summary>Whether the corpus is present.</summary>
    public static bool CorpusPresent => Directory.Exists(CorpusRoot);

    /// <summary>
    /// The corpus path; fails the test with a clear message in CI (CI=true) when the corpus is missing,
    /// and skips it elsewhere.
    /// </summary>
    public static string Corpus(params string[] parts)
    {
        if (!CorpusPresent)
        {
            TestEnvironment.Unavailable($"the shared corpus is missing: expected it at {CorpusRoot} (../shared/corpus beside the repository)");
        }
        return Path.Combine([CorpusRoot, .. parts]);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Palisade.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (Palisade.slnx) above " + AppContext.BaseDirectory);
    }
}
