using System.Globalization;
using Spectre.Console;

namespace Palisade.Cli.Rendering;

/// <summary>A Spectre.Console console over the command's output writer: colours only on a real terminal.</summary>
internal static class Terminal
{
    /// <summary>The width used when the output is not a terminal (files, pipes, tests) and COLUMNS does not say.</summary>
    public const int RedirectedWidth = 120;

    public static IAnsiConsole Over(TextWriter writer, int? width = null)
    {
        var interactive = IsInteractive(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width ?? Width(writer);
        return console;
    }

    /// <summary>The width to lay text out in: the terminal's, else COLUMNS, else <see cref="RedirectedWidth"/>.</summary>
    public static int Width(TextWriter writer) =>
        Width(IsInteractive(writer), IsInteractive(writer) ? Console.WindowWidth : 0, Environment.GetEnvironmentVariable("COLUMNS"));

    /// <summary>The width for a terminal of the given width, or for redirected output with the given COLUMNS value.</summary>
    public static int Width(bool interactive, int windowWidth, string? columns)
    {
        if (interactive)
            return Math.Max(windowWidth, 40);
        return int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var given) && given >= 40 ? given : RedirectedWidth;
    }

    private static bool IsInteractive(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) || writer is StreamWriter && !Console.IsOutputRedirected;
}
