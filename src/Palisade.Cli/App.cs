using System.CommandLine;
using Palisade.Cli.Commands;

namespace Palisade.Cli;

/// <summary>The <c>palisade</c> command line: parses arguments, runs a command, maps failures to exit codes.</summary>
public static class App
{
    /// <summary>Runs the command line with the given streams and returns the exit code.</summary>
    public static int Run(string[] args, CliIo io)
    {
        var root = Root(io);
        // Several files after one option (--cluster a.yaml b.yaml) are settled before the parse that counts.
        var parsed = root.Parse(FileListSettling.Settle(root, args));
        if (parsed.Errors.Count > 0)
        {
            var commands = root.Subcommands.Select(c => c.Name).ToArray();
            var message = args.Length > 0 && !args[0].StartsWith('-') && !commands.Contains(args[0])
                ? $"unknown command '{args[0]}' (commands: {string.Join(", ", commands)})."
                : Sentence(string.Join(" ", parsed.Errors[0].Message.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            io.Error.WriteLine($"error: {message} Run 'palisade {CommandPath(parsed.CommandResult)}--help' for usage.");
            return ExitCodes.BadInput;
        }
        if (UnknownOption(parsed) is { } unknown)
        {
            io.Error.WriteLine($"error: unknown option '{unknown}'. Run 'palisade {CommandPath(parsed.CommandResult)}--help' for usage.");
            return ExitCodes.BadInput;
        }
        if (StandardInputUses(parsed) > 1)
        {
            io.Error.WriteLine("error: -: standard input can be read once; give '-' for one input only (the others read nothing).");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The <c>palisade</c> command and its subcommands, writing to <paramref name="io"/>.</summary>
    internal static RootCommand Root(CliIo io) => new("Palisade: Kubernetes network security analysis.")
    {
        ChecksCommand.Create(io),
        AuditPolicyCommand.Create(io),
        AuditCommand.Create(io),
        ConnectivityCommand.Create(io),
        DiffCommand.Create(io),
        EvalCommand.Create(io),
        FlowsCommand.Create(io),
        GenerateCommand.Create(io),
        LintCommand.Create(io),
        ScanCommand.Create(io),
        ServeCommand.Create(io),
        TimelineCommand.Create(io),
    };

    /// <summary>The parser's message as one sentence in the user's terms: a value's wanted type is not a .NET type name.</summary>
    private static string Sentence(string message)
    {
        var type = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.$");
        if (type.Success)
        {
            if (type.Groups[3].Value.Contains("Int", StringComparison.Ordinal) && OutOfRange(type.Groups[1].Value, type.Groups[3].Value) is { } range)
                return $"{type.Groups[2].Value}: '{type.Groups[1].Value}' is {range}.";
            var wanted = type.Groups[3].Value.Contains("Int", StringComparison.Ordinal) ? "a whole number"
                : type.Groups[3].Value.Contains("Double", StringComparison.Ordinal) || type.Groups[3].Value.Contains("Decimal", StringComparison.Ordinal) ? "a number"
                : "a valid value";
            return $"{type.Groups[2].Value}: '{type.Groups[1].Value}' is not {wanted}.";
        }
        return message.EndsWith('.') ? message : message + ".";
    }

    /// <summary>Why a whole number the option's type cannot hold is refused: it is one, only too large or too small.</summary>
    private static string? OutOfRange(string text, string typeName)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || digits.AsSpan().ContainsAnyExceptInRange('0', '9'))
            return null;
        var (min, max) = typeName.Contains("Int64", StringComparison.Ordinal) ? (long.MinValue, long.MaxValue) : (int.MinValue, (long)int.MaxValue);
        return text.StartsWith('-') ? $"too small (at least {min})" : $"too large (at most {max})";
    }

    /// <summary>
    /// A misspelt long option: the parser takes a token it does not know as one more of a command's files (flows,
    /// logs, manifests), so <c>--scan-treshold 10</c> would otherwise be reported as two missing files.
    /// </summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.Argument && token.Value.Length > 2 && token.Value.StartsWith("--", StringComparison.Ordinal)
                && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                return token.Value;
        }
        // A short option of another command (eval -o json): the parser takes it, and its value, as files too. Values of
        // options are not looked at, so that --port -5 stays a value.
        foreach (var argument in parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length >= 2 && token.Value[0] == '-' && char.IsAsciiLetter(token.Value[1])
                    && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                    return token.Value;
            }
        }
        return null;
    }

    /// <summary>How many inputs read standard input ('-' as a path of an argument or option; -o - writes to standard output).</summary>
    private static int StandardInputUses(ParseResult parsed)
    {
        var uses = 0;
        foreach (var child in parsed.CommandResult.Children)
        {
            if (child is System.CommandLine.Parsing.OptionResult { Option.Name: "--output" or "--out" })
                continue;
            foreach (var token in child.Tokens)
                uses += token.Value == "-" ? 1 : 0;
        }
        return uses;
    }

    /// <summary>The subcommands from the root to this one, each followed by a space (<c>flows check </c>); empty for the root.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var path = "";
        for (var command = result; command.Parent is System.CommandLine.Parsing.CommandResult parent; command = parent)
            path = command.Command.Name + " " + path;
        return path;
    }

    /// <summary>
    /// Runs a command body, turning bad input into one line on standard error and exit code 2. A request Core
    /// cannot answer names its parameter in Core's words; <paramref name="flags"/> gives the command's flag for each.
    /// </summary>
    public static int Guard(CliIo io, bool verbose, Func<int> body, IReadOnlyDictionary<string, string>? flags = null)
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
        catch (InvalidRequestException e)
        {
            io.Error.WriteLine($"error: {flags?.GetValueOrDefault(e.Parameter) ?? e.Parameter}: {e.Problem}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Inputs are read through InvalidInputException; what is left is an output the user named that cannot be
            // written (a path under a file, no permission, a full disk): theirs to fix, not a bug.
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
