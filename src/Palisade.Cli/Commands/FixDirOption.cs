using System.CommandLine;
using Palisade.Findings;
using Palisade.Posture.Fixes;

namespace Palisade.Cli.Commands;

/// <summary><c>--fix-dir DIR</c>: writes the fixes lint offers (each proven in memory first) as files.</summary>
internal static class FixDirOption
{
    private const string Name = "--fix-dir";

    public static Option<string?> Create() => new(Name)
    {
        Description = "Write every fix offered (each applied in memory and re-checked first) to this directory: NetworkPolicies as NAMESPACE/NAME.yaml, patches and commands under other/.",
    };

    /// <summary>Refuses, before lint runs, a directory that cannot be written into.</summary>
    public static void Check(string directory) => OutputPaths.CheckDirectory(Name, directory);

    /// <summary>Writes the files; returns how many, for the message on standard error.</summary>
    public static int Write(string directory, FindingsResult result)
    {
        var files = FixFiles.Of(result);
        foreach (var (path, text) in files)
            OutputPaths.WriteUnder(Name, directory, path, text);
        return files.Count;
    }
}
