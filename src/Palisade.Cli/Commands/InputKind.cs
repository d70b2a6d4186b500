namespace Palisade.Cli.Commands;

/// <summary>What an input file holds, as far as telling which option of a command it belongs to needs.</summary>
internal enum InputKind
{
    /// <summary>Manifests: a file of Kubernetes objects, a directory of them, or <c>live</c> (the running cluster).</summary>
    Manifests,

    /// <summary>Flow records in a format the flow readers detect.</summary>
    FlowLogs,

    /// <summary>A Kubernetes audit log (<see cref="Input.AuditLogHead"/>).</summary>
    AuditLogs,

    /// <summary>A flow baseline written by <c>flows baseline</c>.</summary>
    Baseline,
}
