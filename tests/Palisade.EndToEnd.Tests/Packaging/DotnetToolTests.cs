using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>The .NET tool package: packed into a local feed, installed from it as users install it, and run.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Slow")]
public sealed class DotnetToolTests(PackagingWorkspace workspace)
{
    [Fact]
    public void The_tool_installs_from_a_local_feed_and_runs()
    {
        var feed = workspace.NewFolder("feed");
        var tools = workspace.NewFolder("tools");
        PackagingWorkspace.Dotnet("pack", "src/Palisade.Cli", "-c", "Release", "-o", feed, "--artifacts-path", workspace.Artifacts).Ok("dotnet pack");
        Assert.Single(Directory.GetFiles(feed, "palisade.*.nupkg"));

        var install = Install(feed, tools);

        install.Ok("dotnet tool install");
        var version = ExternalCommand.Run(Path.Combine(tools, "palisade"), ["--version"]).Ok("palisade --version");
        Assert.Equal(CliRun.Of("--version").Output, version.Output);
        var checks = ExternalCommand.Run(Path.Combine(tools, "palisade"), ["checks"]).Ok("palisade checks");
        Assert.Equal(CliRun.Of("checks").Output, checks.Output);
    }

    /// <summary>
    /// <c>dotnet tool install --tool-path</c> from the feed alone (a nuget.config that clears every other source, so
    /// no package of the same name elsewhere can win) into a private package folder (so no copy cached by an
    /// earlier run can stand in for the one just packed).
    /// </summary>
    private CommandResult Install(string feed, string tools)
    {
        var config = Path.Combine(workspace.NewFolder("config"), "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        return ExternalCommand.Run("dotnet", ["tool", "install", "--tool-path", tools, "palisade", "--configfile", config],
            new CommandOptions(Timeout: TimeSpan.FromMinutes(5),
                Environment: PackagingWorkspace.BuildEnvironment(("NUGET_PACKAGES", workspace.NewFolder("packages")))));
    }
}
