using Palisade.Cli;

namespace Palisade.Testing;

/// <summary>The outcome of running the command line in-process.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>palisade</c> with the arguments (and optional standard input).</summary>
    public static CliRun Of(params string[] args) => WithInput("", args);

    /// <summary>Runs <c>palisade</c> with the given standard input.</summary>
    public static CliRun WithInput(string input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = App.Run(args, new CliIo(new StringReader(input), output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
