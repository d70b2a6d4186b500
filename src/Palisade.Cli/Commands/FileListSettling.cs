using System.CommandLine;
using System.CommandLine.Parsing;

namespace Palisade.Cli.Commands;

/// <summary>
/// The one place that decides which files the values after a <see cref="FileListOption"/> are (docs/semantics.md, "Input
/// handling"): the first value is the option's; each further one is too while it holds the option's kind of input
/// (told from its content, <see cref="InputKinds"/>), or always when the command has no files of its own (generate).
/// The first that is not, and every value after it, are the command's own files (flows, logs, manifests), as are
/// values after <c>--</c>. Run on the arguments before the command is parsed for good.
/// </summary>
internal static class FileListSettling
{
    /// <summary>
    /// The arguments with the option's flag written before each further value that belongs to it
    /// (<c>--cluster a.yaml --cluster b.yaml</c>); <paramref name="args"/> itself when none does.
    /// </summary>
    public static string[] Settle(RootCommand root, string[] args)
    {
        var tokens = root.Parse(args).Tokens;
        // A directive ([diagram]) is written differently from its token; a command line with one is left as given.
        if (tokens.Any(t => t.Type == TokenType.Directive))
            return args;
        var settled = new List<string>(args.Length + 4);
        var moved = false;
        Command command = root;
        FileListOption? list = null;
        var flag = "";
        var values = 0;
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case TokenType.Command:
                    command = command.Subcommands.FirstOrDefault(c => Names(c, token.Value)) ?? command;
                    list = null;
                    break;
                case TokenType.Option:
                    list = command.Options.OfType<FileListOption>().FirstOrDefault(o => Names(o, token.Value));
                    flag = token.Value;
                    values = 0;
                    break;
                case TokenType.Argument when list is not null:
                    // The first value is the option's as parsed; a further one is given the flag, or ends the list.
                    if (values++ == 0)
                        break;
                    if (command.Arguments.Count == 0 || InputKinds.Of(token.Value) == list.Kind)
                    {
                        settled.Add(flag);
                        moved = true;
                    }
                    else
                    {
                        list = null;
                    }
                    break;
                case TokenType.Argument:
                    break;
                default:
                    list = null;
                    break;
            }
            settled.Add(token.Value);
        }
        return moved ? [.. settled] : args;
    }

    /// <summary>Whether <paramref name="symbol"/> is named <paramref name="name"/> (its name or an alias).</summary>
    private static bool Names(Symbol symbol, string name) => symbol switch
    {
        Command command => command.Name == name || command.Aliases.Contains(name),
        Option option => option.Name == name || option.Aliases.Contains(name),
        _ => false,
    };
}
