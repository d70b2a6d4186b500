namespace Palisade.Kubernetes;

/// <summary>How to read manifest inputs.</summary>
public sealed record InputOptions
{
    /// <summary>The default: strict, nothing excluded, namespace-less objects in <c>default</c>, tools found on PATH.</summary>
    public static readonly InputOptions Default = new();

    /// <summary>
    /// Whether an unreadable file stops the read (bad input, exit 2). When false, such a file (malformed, a
    /// template, a chart that cannot be rendered) is skipped and recorded, and the rest is read.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>Globs of files and directories not to read, besides those in <c>.palisadeignore</c> files.</summary>
    public IReadOnlyList<string> Exclude { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The namespace of namespaced objects that name none (<c>-n</c>).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>Whether to list the fields of manifest objects that their kind does not have (<c>-v</c>).</summary>
    public bool ListUnknownFields { get; init; }

    /// <summary>Directories searched for <c>helm</c> and <c>kubectl</c>; null means the PATH environment variable.</summary>
    public string? ToolPath { get; init; }
}
