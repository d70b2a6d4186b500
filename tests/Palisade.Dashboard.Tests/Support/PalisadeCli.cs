using Palisade.Cli;

namespace Palisade.Dashboard.Tests.Support;

/// <summary>Runs <c>palisade</c> in-process, for the expected values the dashboard is compared with.</summary>
public static class PalisadeCli
{
    /// <summary>The standard output of a run that must succeed.</summary>
    public static string Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = App.Run(args, new CliIo(new StringReader(""), output, error));
        Assert.True(code == 0, $"palisade {string.Join(' ', args)} exited {code}: {error}");
        return output.ToString();
    }
}
