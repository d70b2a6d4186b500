namespace Palisade.Cli.Rendering;

/// <summary>How every command shows warnings: one line each on standard error.</summary>
internal static class Warnings
{
    public static void Write(CliIo io, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
            io.Error.WriteLine($"warning: {warning}");
    }
}
