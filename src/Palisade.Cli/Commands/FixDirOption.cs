using System.CommandLine;
using Palisade.Findings;
using Palisade.Posture.Fixes;

namespace Palisade.Cli.Commands;

/// <summary><c>--fix-dir DIR</c>: writes the fixes lint offers (each proven in memory first) as files.</summary>
internal static class FixDirOption
{
    public static Option<string?> Create() => new("--fix-dir")
    {
        Description = "Write every fix offered (each applied in memory and re-checked first) to this directory: NetworkPolicies as NAMESPACE/NAME.yaml, patches and commands under other/.",
    };

    /// <summary>Writes the files; returns how many, for the message on standard error.</summary>
    public static int Write(string directory, FindingsResult result)
    {
        var files = FixFiles.Of(result);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidInputException(new SourceLocation(full), null, "--fix-dir", $"cannot write: {e.Message}");
            }
        }
        return files.Count;
    }
}
