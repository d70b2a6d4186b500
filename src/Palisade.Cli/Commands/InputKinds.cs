using Palisade.Flows.Baseline;
using Palisade.Flows.Formats;
using Palisade.Input;

namespace Palisade.Cli.Commands;

/// <summary>Tells what an input path holds from its first bytes, for <see cref="FileListSettling"/>.</summary>
internal static class InputKinds
{
    /// <summary>
    /// The kind of <paramref name="path"/>: a directory or <c>live</c> is manifests; a file is an audit log, a baseline or
    /// flows when its head says so, else manifests. Null when it cannot be told without harm or at all: <c>-</c> and
    /// pipes (looking would consume what the command reads), a missing or unreadable path, an empty file.
    /// </summary>
    public static InputKind? Of(string path)
    {
        if (path == ClusterSourceOptions.LiveWord || Directory.Exists(path))
            return InputKind.Manifests;
        if (path == "-" || !File.Exists(path))
            return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (!stream.CanSeek)
                return null;
            using var source = InputSource.FromStream(path, stream);
            return Of(source.Head.Span);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The kind of content starting with <paramref name="head"/>; null when it is empty.</summary>
    public static InputKind? Of(ReadOnlySpan<byte> head) =>
        AuditLogHead.Matches(head) ? InputKind.AuditLogs
        : BaselineJson.LooksLikeBaseline(head) ? InputKind.Baseline
        : FlowReaders.Recognise(head) is not null ? InputKind.FlowLogs
        : head.TrimStart("\uFEFF \t\r\n"u8).IsEmpty ? null
        : InputKind.Manifests;
}
