using System.Diagnostics;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Helm charts (a directory with <c>Chart.yaml</c>) and kustomize trees (with <c>kustomization.yaml</c>) are not
/// manifests: they are rendered with <c>helm template</c> or <c>kubectl kustomize</c> when the tool is found, and
/// otherwise refused with the command to pipe into <c>palisade ... -</c>.
/// </summary>
internal static class ChartRenderer
{
    private static readonly string[] KustomizationFiles = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>What the directory is, if it needs rendering: "Helm chart" or "kustomize tree".</summary>
    public static string? KindOf(string directory) =>
        File.Exists(Path.Combine(directory, "Chart.yaml")) ? "Helm chart"
        : KustomizationFiles.Any(f => File.Exists(Path.Combine(directory, f))) ? "kustomize tree"
        : null;

    /// <summary>The rendered manifests, or the problem (tool missing or failing) with the command to run instead.</summary>
    public static (string? Text, string? Problem) Render(string directory, string kind, string? toolPath)
    {
        var (tool, arguments) = kind == "Helm chart"
            ? ("helm", new[] { "template", Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/')), directory })
            : ("kubectl", new[] { "kustomize", directory });
        var command = $"{tool} {string.Join(" ", arguments)} | palisade lint -";
        if (Find(tool, toolPath) is not { } executable)
            return (null, $"a {kind}, and {tool} is not installed: render it and pipe the manifests in ({command})");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? (output, null)
            : (null, $"a {kind} that {tool} could not render ({FirstLine(error.Result)}); render it yourself and pipe the manifests in ({command})");
    }

    private static string? Find(string tool, string? toolPath)
    {
        var directories = (toolPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
}
