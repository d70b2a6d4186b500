using System.Diagnostics;

namespace Palisade.Testing;

/// <summary>Runs a program to completion, capturing its output; on timeout it kills the tree it started.</summary>
public static class ExternalCommand
{
    /// <summary>Runs the program with the arguments (passed as they are, no shell) and waits for it.</summary>
    public static CommandResult Run(string fileName, IEnumerable<string> args, CommandOptions? options = null)
    {
        options ??= new CommandOptions();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? RepoPaths.Root,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        ApplyEnvironment(start, options);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(options.Input ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(options.Timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CommandResult(-1, output.Result, $"{error.Result}\n{fileName} timed out after {options.Timeout}");
        }
        process.WaitForExit();
        return new CommandResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The full path of the program as a shell would find it on the PATH given (the process's own by default).</summary>
    public static string? Which(string name, string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(candidate => File.Exists(candidate) && IsExecutable(candidate));

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static void ApplyEnvironment(ProcessStartInfo start, CommandOptions options)
    {
        if (options.ClearEnvironment)
            start.Environment.Clear();
        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
    }
}

/// <summary>How to run an external command: where, with what input and environment, and for how long at most.</summary>
/// <param name="Environment">Variables to set; a null value removes the variable.</param>
/// <param name="ClearEnvironment">Start from an empty environment (then only <paramref name="Environment"/>).</param>
public sealed record CommandOptions(
    string? WorkingDirectory = null,
    string? Input = null,
    IReadOnlyDictionary<string, string?>? Environment = null,
    TimeSpan? Timeout = null,
    bool ClearEnvironment = false);

/// <summary>The outcome of an external command.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>This result, or a failed assertion saying what failed and what the command wrote on standard error.</summary>
    public CommandResult Ok(string what)
    {
        Assert.True(ExitCode == 0, $"{what} failed (exit {ExitCode}): {Error}{(Error.Length == 0 ? Output : "")}");
        return this;
    }
}
