using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Golden files: compared byte for byte, rewritten when <c>PALISADE_UPDATE_GOLDENS=1</c>.</summary>
internal static class Golden
{
    private static readonly string Folder = RepoPaths.InRepo("tests", "Palisade.Cli.Tests", "Goldens");

    private static bool Updating => Environment.GetEnvironmentVariable("PALISADE_UPDATE_GOLDENS") == "1";

    /// <summary>The text with the repository root taken out of paths and file URIs, so goldens hold paths relative to it.</summary>
    public static string WithoutRoot(string text) =>
        text.Replace(new Uri(RepoPaths.Root + "/").AbsoluteUri, "", StringComparison.Ordinal)
            .Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal);

    /// <summary>Compares the text with the golden file, or rewrites the file when updating.</summary>
    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden {path}; run the tests with PALISADE_UPDATE_GOLDENS=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
