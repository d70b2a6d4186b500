using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>The kubectl plugin built by deploy/kubectl-plugin/build.sh, and a shell that has only it and kubectl on PATH.</summary>
internal static class KubectlPlugin
{
    private static readonly Lazy<string?> Kubectl = new(() => ExternalCommand.Which("kubectl"));

    /// <summary>The plugin folder (built once per run) and the PATH of the test shell.</summary>
    public static (string Plugin, string Path) Build(PackagingWorkspace workspace)
    {
        if (Kubectl.Value is null)
            TestEnvironment.Unavailable("kubectl is not on PATH (Debian's kubernetes-client)");
        var plugin = workspace.NewFolder("kubectl-plugin");
        if (!File.Exists(Path.Combine(plugin, "kubectl-palisade")))
        {
            ExternalCommand.Run(RepoPaths.InRepo("deploy", "kubectl-plugin", "build.sh"), [plugin],
                new CommandOptions(Timeout: PackagingWorkspace.BuildTimeout, Environment: PackagingWorkspace.BuildEnvironment(("ARTIFACTS", workspace.Artifacts))))
                .Ok("deploy/kubectl-plugin/build.sh");
        }
        var kubectlOnly = workspace.NewFolder("kubectl-only");
        var link = Path.Combine(kubectlOnly, "kubectl");
        if (!File.Exists(link))
            File.CreateSymbolicLink(link, Kubectl.Value!);
        return (plugin, $"{plugin}:{kubectlOnly}");
    }

    /// <summary>Runs the command in /bin/sh with only PATH, HOME and KUBECONFIG when given in its environment.</summary>
    public static CommandResult Shell(string path, string command, string? kubeconfig = null)
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = path, ["HOME"] = Environment.GetEnvironmentVariable("HOME") };
        if (kubeconfig is not null)
            environment["KUBECONFIG"] = kubeconfig;
        return ExternalCommand.Run("/bin/sh", ["-c", command], new CommandOptions(ClearEnvironment: true, Timeout: TimeSpan.FromMinutes(2), Environment: environment));
    }
}
