namespace Palisade.Benchmarks.Dense;

/// <summary>
/// The dense family's commands: <c>dense-gen SIZE FILE [--json] [--without=N]</c> writes a dense cluster (YAML,
/// or kubectl's JSON; with N app policies removed for the new side of a diff); <c>dense-e2e SIZE... [--runs=N]
/// [--dir=DIR] [--commands=a,b] [--cli=palisade.dll]</c> times the command line on them (<see cref="EndToEnd"/>);
/// <c>dense-load FILE [--runs=N]</c> times loading one manifest file in process (<see cref="LoadThroughput"/>).
/// </summary>
public static class DenseHarness
{
    /// <summary>Runs the command in <paramref name="args"/>; the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        switch (positional)
        {
            case ["dense-gen", var size, var file]:
                Write(DenseSize.Named(size), file, options.Contains("--json"), Option(options, "--without=", 0));
                return 0;
            case ["dense-e2e", .. var sizes] when sizes.Length > 0:
                var commands = options.FirstOrDefault(o => o.StartsWith("--commands=", StringComparison.Ordinal)) is { } given
                    ? given["--commands=".Length..].Split(',')
                    : EndToEnd.Commands;
                var directory = options.FirstOrDefault(o => o.StartsWith("--dir=", StringComparison.Ordinal))?["--dir=".Length..] ?? Path.Combine(Path.GetTempPath(), "palisade-dense");
                var cli = options.FirstOrDefault(o => o.StartsWith("--cli=", StringComparison.Ordinal))?["--cli=".Length..];
                EndToEnd.Run(sizes.Select(DenseSize.Named).ToArray(), commands, Option(options, "--runs=", 3), directory, cli, output);
                return 0;
            case ["dense-load", var file]:
                LoadThroughput.Run(file, Option(options, "--runs=", 3), output);
                return 0;
            default:
                output.WriteLine("usage: dense-gen SIZE FILE [--json] [--without=N] | dense-e2e SIZE... [--runs=N] [--dir=DIR] [--commands=a,b] [--cli=palisade.dll] | dense-load FILE [--runs=N]");
                return 2;
        }
    }

    /// <summary>Writes the cluster of the size to the file.</summary>
    public static void Write(DenseSize size, string file, bool json, int without)
    {
        var cluster = DenseCluster.Generate(size);
        if (without > 0)
            cluster = DenseCluster.WithoutPolicies(cluster, without);
        using var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false), 1 << 16);
        if (json)
            ManifestText.WriteJson(ManifestObjects.Of(cluster), writer);
        else
            ManifestText.WriteYaml(ManifestObjects.Of(cluster), writer);
    }

    private static int Option(string[] options, string name, int otherwise) =>
        options.FirstOrDefault(o => o.StartsWith(name, StringComparison.Ordinal)) is { } given ? int.Parse(given[name.Length..], System.Globalization.CultureInfo.InvariantCulture) : otherwise;
}
