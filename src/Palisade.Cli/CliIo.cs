namespace Palisade.Cli;

/// <summary>The streams a command reads and writes, so tests can run the command in-process.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// The process's own console. Standard output is buffered (the console writer flushes on every write,
    /// which dominates the time of large reports); the caller flushes it at exit.
    /// </summary>
    public static CliIo Console => new(System.Console.In,
        new StreamWriter(System.Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" },
        System.Console.Error);
}
