using Spectre.Console;

namespace Palisade.Cli.Rendering;

/// <summary>A Spectre.Console console over the command's output writer: colours only on a real terminal.</summary>
internal static class Terminal
{
    /// <summary>The width used when the output is not a terminal (files, pipes, tests), wide enough for messages.</summary>
    public const int RedirectedWidth = 160;

    public static IAnsiConsole Over(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, Console.Out) || writer is StreamWriter && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = interactive ? Math.Max(Console.WindowWidth, 80) : RedirectedWidth;
        return console;
    }
}
