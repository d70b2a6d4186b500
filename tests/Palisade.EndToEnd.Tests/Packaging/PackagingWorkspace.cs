using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>
/// A temp folder for the packaging tests, with one artifacts folder that every Release build of theirs shares (so
/// the libraries compile once, and nothing lands in the work tree's bin and obj folders). Deleted at the end.
/// </summary>
public sealed class PackagingWorkspace : IDisposable
{
    private readonly TempDirectory root = new();

    /// <summary>The <c>--artifacts-path</c> of every build.</summary>
    public string Artifacts => root.File("artifacts");

    /// <summary>A new empty folder in the workspace.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(root.File(name)).FullName;

    /// <summary>
    /// The environment of the builds the tests start, plus the variables given: no MSBuild node, build server or
    /// compiler server may outlive the build (they would otherwise stay for reuse, minutes after the test).
    /// </summary>
    public static Dictionary<string, string?> BuildEnvironment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };
        foreach (var (name, value) in more)
            environment[name] = value;
        return environment;
    }

    /// <summary>
    /// How long one build may take: the self-contained publishes compile the framework ahead of time with the program
    /// (ReadyToRun composite), minutes of CPU on two cores the first time.
    /// </summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(25);

    /// <summary>Runs the .NET CLI (from PATH) in the repository root.</summary>
    public static CommandResult Dotnet(params string[] args) =>
        ExternalCommand.Run("dotnet", args, new CommandOptions(Timeout: BuildTimeout, Environment: BuildEnvironment()));

    public void Dispose() => root.Dispose();
}
