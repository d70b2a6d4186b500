using System.Diagnostics;
using System.Globalization;
using Palisade.Testing;

namespace Palisade.Benchmarks.Dense;

/// <summary>
/// Times the <c>palisade</c> command end to end on dense clusters, as users run it: each command in its own
/// process under <c>/usr/bin/time</c>, so that CPU time (user + sys) and peak RSS are the process's own. The
/// output is read and counted here, not by the measured process. Runs are repeated; the median CPU is reported
/// with the range, since the machine may be shared.
/// </summary>
public static class EndToEnd
{
    /// <summary>The commands timed, by name: what they run on the files of one size.</summary>
    public static readonly string[] Commands = ["connectivity", "connectivity-json", "diff", "eval", "lint"];

    /// <summary>Times the commands on each size; files are generated into <paramref name="directory"/> when missing.</summary>
    /// <remarks><paramref name="cli"/> is the palisade.dll to time (another build, for before and after); by default this repository's Release build.</remarks>
    public static void Run(IReadOnlyList<DenseSize> sizes, IReadOnlyList<string> commands, int runs, string directory, string? cli, TextWriter output)
    {
        cli ??= RepoPaths.InRepo("src", "Palisade.Cli", "bin", "Release", "net10.0", "palisade.dll");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"build the CLI first: dotnet build -c Release src/Palisade.Cli ({cli} is missing)");
        Directory.CreateDirectory(directory);
        output.WriteLine($"load average before: {LoadAverage()}");
        output.WriteLine("| size | command | output lines | CPU user+sys (median, range) | peak RSS | wall (median) |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var files = Files(size, directory);
            foreach (var command in commands)
            {
                var measures = Enumerable.Range(0, runs).Select(_ => Measure(cli, Arguments(command, files))).ToArray();
                var cpu = measures.Select(m => m.Cpu).Order().ToArray();
                var wall = measures.Select(m => m.Wall).Order().ToArray();
                output.WriteLine($"| {size} | {command} | {measures[0].Lines:N0} | {cpu[cpu.Length / 2]:F2} s ({cpu[0]:F2}–{cpu[^1]:F2}) | " +
                    $"{measures.Max(m => m.PeakKilobytes) / 1e6:F2} GB | {wall[wall.Length / 2]:F2} s |");
            }
        }
        output.WriteLine($"load average after: {LoadAverage()}");
    }

    private sealed record SizeFiles(string Yaml, string Json, string Changed);

    private static SizeFiles Files(DenseSize size, string directory)
    {
        var files = new SizeFiles(Path.Combine(directory, $"dense-{size.Name.Replace('/', '-')}.yaml"),
            Path.Combine(directory, $"dense-{size.Name.Replace('/', '-')}.json"),
            Path.Combine(directory, $"dense-{size.Name.Replace('/', '-')}-without-4.yaml"));
        if (!File.Exists(files.Yaml))
            DenseHarness.Write(size, files.Yaml, json: false, without: 0);
        if (!File.Exists(files.Json))
            DenseHarness.Write(size, files.Json, json: true, without: 0);
        if (!File.Exists(files.Changed))
            DenseHarness.Write(size, files.Changed, json: false, without: 4);
        return files;
    }

    private static string[] Arguments(string command, SizeFiles files) => command switch
    {
        "connectivity" => ["connectivity", files.Yaml, "-o", "txt"],
        "connectivity-json" => ["connectivity", files.Json, "-o", "txt"],
        "diff" => ["diff", files.Yaml, files.Changed],
        "eval" => ["eval", files.Yaml, "--src", "dense-5/api", "--dst", "dense-7/frontend", "--port", "8080"],
        "lint" => ["lint", files.Yaml, "-o", "json"],
        _ => throw new ArgumentException($"unknown command {command} ({string.Join(", ", Commands)})"),
    };

    private sealed record Measurement(double Cpu, double Wall, long PeakKilobytes, long Lines);

    private static Measurement Measure(string cli, string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-f", "%U %S %e %M", "dotnet", cli, .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var lines = CountLines(process.StandardOutput.BaseStream);
        process.WaitForExit();
        var last = error.Result.TrimEnd().Split('\n')[^1].Split(' ');
        if (last.Length != 4)
            throw new InvalidOperationException($"palisade {string.Join(' ', arguments)} failed: {error.Result}");
        double Number(int i) => double.Parse(last[i], CultureInfo.InvariantCulture);
        return new Measurement(Number(0) + Number(1), Number(2), (long)Number(3), lines);
    }

    private static long CountLines(Stream stream)
    {
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
