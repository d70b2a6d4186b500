using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// The JSON lines of a flow file captured from a container's log (<see cref="ContainerLogJoin"/>): after
/// <c>kubectl logs --timestamps</c>' time or the runtime's prefix, in Docker's json-file records (when the first line is one),
/// and the parts of a line split beyond 16 KiB joined, located at the first. The program's own text on stderr is skipped;
/// parts without their last one are malformed. A line of plain JSON costs one comparison.
/// </summary>
internal sealed class ContainerLogEntries(RecordLines lines, ReadDiagnostics diagnostics, bool docker) : IEntrySource
{
    private readonly ContainerLogJoin _join = new(RecordLines.MaxLineBytes);
    private SourceLocation _first = lines.Location;
    private bool _joined;

    /// <inheritdoc />
    public SourceLocation Location => _joined ? _first : lines.Location;

    /// <inheritdoc />
    public bool Next(out ReadOnlySpan<byte> entry)
    {
        _joined = false;
        while (lines.Next(out var line))
        {
            // Lines of JSON start with their object, a container log's prefix with a digit: one comparison each.
            if (!_join.Joining && (line[0] == (byte)'{' ? !docker || !DockerLogRecord.Starts(line) : line[0] - (uint)'0' > 9))
            {
                entry = line;
                return true;
            }
            var wasJoining = _join.Joining;
            var step = _join.Offer(line);
            if (step == ContainerLogStep.Unfinished)
            {
                diagnostics.Report(_first, _join.Problem);
                wasJoining = false;
                step = _join.Offer(line);
            }
            switch (step)
            {
                case ContainerLogStep.Line when Record(_join.Content(line), _join.Wrapper == ContainerLogWrapper.Docker ? _join.Joined : line, out entry):
                    return true;
                case ContainerLogStep.Part when !wasJoining:
                    _first = lines.Location;
                    break;
                case ContainerLogStep.Joined when Record(_join.Joined, _join.Joined, out entry):
                    _joined = true;
                    return true;
                case ContainerLogStep.OtherStream:
                    diagnostics.Skip();
                    break;
                case ContainerLogStep.Malformed:
                    diagnostics.Report(lines.Location, _join.Problem);
                    break;
            }
        }
        if (_join.Abandon() is { } problem)
            diagnostics.Report(_first, problem);
        entry = default;
        return false;
    }

    /// <summary>
    /// The record in a line's content: an object; the program's own text on stderr is skipped, and other text is given as
    /// <paramref name="otherwise"/> for the parser to report.
    /// </summary>
    private bool Record(ReadOnlySpan<byte> content, ReadOnlySpan<byte> otherwise, out ReadOnlySpan<byte> entry)
    {
        entry = content;
        if (content.TrimStart(" \t"u8) is [(byte)'{', ..])
            return true;
        if (!_join.Stdout)
        {
            diagnostics.Skip();
            return false;
        }
        entry = otherwise;
        return true;
    }
}
