using System.CommandLine;
using Palisade.Cli.Commands;
using Palisade.Model;

namespace Palisade.Cli;

/// <summary>The <c>palisade</c> command line: parses arguments, runs a command, maps failures to exit codes.</summary>
public static class App
{
    /// <summary>Runs the command line with the given streams and returns the exit code.</summary>
    public static int Run(string[] args, CliIo io)
    {
        var root = new RootCommand("Palisade: Kubernetes network security analysis.")
        {
            ConnectivityCommand.Create(io),
            DiffCommand.Create(io),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                io.Error.WriteLine($"error: {error.Message}");
            io.Error.WriteLine("Run 'palisade --help' for usage.");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Runs a command body, turning bad input into one line on standard error and exit code 2.</summary>
    public static int Guard(CliIo io, bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InvalidInputException e)
        {
            io.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            io.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (verbose)
                io.Error.WriteLine(e.ToString());
            return ExitCodes.InternalError;
        }
    }
}
