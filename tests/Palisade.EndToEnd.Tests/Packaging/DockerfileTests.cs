using System.Text.RegularExpressions;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>
/// The Dockerfile, checked without Docker (no engine runs on the build machines): its publish command, run as
/// written, makes an executable that works with only the image's environment, no HOME and no writable temp
/// folder; and the image is distroless, non-root and starts the executable directly.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class DockerfileTests(PackagingWorkspace workspace)
{
    private static readonly string[] Dockerfile = File.ReadAllLines(RepoPaths.InRepo("Dockerfile"));

    [Fact]
    public void The_publish_command_of_the_image_makes_a_working_self_contained_executable()
    {
        var output = workspace.NewFolder("image");
        var publish = PublishArguments(output);

        PackagingWorkspace.Dotnet([.. publish, "--artifacts-path", workspace.Artifacts]).Ok("the Dockerfile's dotnet publish");

        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToArray();
        Assert.Contains("palisade", files);
        Assert.All(files.Where(f => f != "palisade"), f => Assert.EndsWith(".so", f, StringComparison.Ordinal));
        Assert.Contains("COPY --from=build /out/ /usr/local/bin/", Dockerfile);
        var environment = ImageEnvironment();
        environment["TMPDIR"] = "/nonexistent";
        var scan = ExternalCommand.Run(Path.Combine(output, "palisade"), ["scan", RepoPaths.InRepo("examples", "shop")],
            new CommandOptions(WorkingDirectory: "/", ClearEnvironment: true, Environment: environment));
        Assert.Contains("Risk score", scan.Ok("palisade scan in the image's environment").Output);
        Assert.InRange(MethodsCompiledAtRun(Path.Combine(output, "palisade")), 1, 800);
    }

    /// <summary>
    /// How many methods the executable compiles while it scans the shop example (the runtime's own count). Precompiled
    /// (ReadyToRun composite) it compiles about 330, mostly generic code made at run time; without precompiled code, or
    /// from a compressed bundle whose precompiled code cannot be used, about 2,600.
    /// </summary>
    private int MethodsCompiledAtRun(string executable)
    {
        var summary = Path.Combine(workspace.NewFolder("jit"), "methods.txt");
        var environment = ImageEnvironment();
        environment["DOTNET_JitStdOutFile"] = summary;
        environment["DOTNET_JitDisasmSummary"] = "1";
        ExternalCommand.Run(executable, ["scan", RepoPaths.InRepo("examples", "shop")],
            new CommandOptions(WorkingDirectory: "/", ClearEnvironment: true, Environment: environment)).Ok("palisade scan, counting compiled methods");
        return File.ReadLines(summary).Count(l => l.Contains("JIT compiled ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_runs_as_non_root_on_a_distroless_base_with_diagnostics_off()
    {
        var final = Dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime-deps", StringComparison.Ordinal)).ToList();

        Assert.Contains("chiseled", final[0], StringComparison.Ordinal);
        Assert.Contains("USER 65532:65532", final);
        Assert.Contains("ENV DOTNET_EnableDiagnostics=0", final);
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT [\"/usr/local/bin/palisade\"]", StringComparison.Ordinal));
        Assert.DoesNotContain(final, l => l.StartsWith("RUN ", StringComparison.Ordinal));
    }

    /// <summary>The Dockerfile's <c>dotnet publish</c> arguments, for this machine's architecture and the output folder.</summary>
    private static string[] PublishArguments(string output)
    {
        var run = Dockerfile.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        var args = run["RUN dotnet ".Length..].Replace("$TARGETARCH", "amd64", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var o = Array.IndexOf(args, "-o");
        args[o + 1] = output;
        return args;
    }

    /// <summary>The variables the final stage sets with ENV, and nothing else.</summary>
    private static Dictionary<string, string?> ImageEnvironment()
    {
        var final = Dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime-deps", StringComparison.Ordinal));
        return final.Select(l => EnvLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => (string?)m.Groups["value"].Value);
    }

    [GeneratedRegex(@"^ENV (?<name>\w+)=(?<value>\S+)$")]
    private static partial Regex EnvLine();
}
