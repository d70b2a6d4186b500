namespace Palisade.Cli;

/// <summary>The streams a command reads and writes, so tests can run the command in-process.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// Standard input as bytes, for readers of binary or compressed input (flow and audit logs); when not set,
    /// the text of <see cref="In"/> is read whole.
    /// </summary>
    public Stream? InputStream { get; init; }

    /// <summary>Whether standard error is a terminal, where progress lines make sense.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>
    /// The process's own console. Standard output is buffered (the console writer flushes on every write,
    /// which dominates the time of large reports); the caller flushes it at exit.
    /// </summary>
    public static CliIo Console => new(System.Console.In,
        new StreamWriter(System.Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" },
        System.Console.Error)
    {
        InputStream = System.Console.OpenStandardInput(),
        ErrorIsTerminal = !System.Console.IsErrorRedirected,
    };

    /// <summary>Standard input as a stream of bytes.</summary>
    public Stream StandardInput() =>
        InputStream ?? new MemoryStream(new System.Text.UTF8Encoding(false).GetBytes(In.ReadToEnd()));
}
