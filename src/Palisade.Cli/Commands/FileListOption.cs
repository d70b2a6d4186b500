using System.CommandLine;

namespace Palisade.Cli.Commands;

/// <summary>
/// An option naming input files of one kind, which takes several: repeated (<c>--cluster a.yaml --cluster b.yaml</c>)
/// or as the values after it (<c>--cluster a.yaml b.yaml</c>), which <see cref="FileListSettling"/> gives it before the
/// command runs. The parser itself takes one value per flag, so that a single value reads as it always did.
/// </summary>
internal sealed class FileListOption : Option<string[]>
{
    public FileListOption(string name, InputKind kind, string description)
        : base(name)
    {
        Kind = kind;
        Description = description;
    }

    /// <summary>What the option's files hold: a value after its first belongs to it only when it holds this.</summary>
    public InputKind Kind { get; }
}
