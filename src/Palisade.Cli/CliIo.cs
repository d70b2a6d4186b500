namespace Palisade.Cli;

/// <summary>The streams a command reads and writes, so tests can run the command in-process.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>The process's own console.</summary>
    public static CliIo Console => new(System.Console.In, System.Console.Out, System.Console.Error);
}
