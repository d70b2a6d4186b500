namespace Palisade.Flows.Formats;

/// <summary>
/// Reads a container's log line by line, for the flow readers and the audit reader alike: each line's prefix
/// (<see cref="ContainerLogPrefix"/>) or Docker record (<see cref="DockerLogRecord"/>), and the parts of a line the runtime
/// (<c>P</c> up to <c>F</c>) or Docker (a <c>log</c> without its line feed) split beyond 16 KiB joined into one. Lines of
/// the other stream between the parts are skipped, as the runtime writes stdout and stderr side by side. Not thread-safe.
/// </summary>
internal sealed class ContainerLogJoin(int maxBytes)
{
    private byte[] _buffer = new byte[1024];
    private int _length;
    private ContainerLogWrapper _joining;
    private bool _joiningStdout;

    /// <summary>The wrapper of the line last offered.</summary>
    public ContainerLogWrapper Wrapper { get; private set; }

    /// <summary>Where the program's line starts in the line last offered (not for Docker records, whose line is unescaped).</summary>
    public int ContentStart { get; private set; }

    /// <summary>Whether the line last offered (or joined) is of standard output.</summary>
    public bool Stdout { get; private set; } = true;

    /// <summary>Whether parts were offered and the last one has not come yet.</summary>
    public bool Joining => _joining != ContainerLogWrapper.None;

    /// <summary>What was wrong, after <see cref="ContainerLogStep.Malformed"/> or <see cref="ContainerLogStep.Unfinished"/>.</summary>
    public string Problem { get; private set; } = "";

    /// <summary>The line joined from its parts, or the unescaped line of a Docker record; valid until the next line is offered.</summary>
    public ReadOnlySpan<byte> Joined => _buffer.AsSpan(0, _length);

    /// <summary>The program's line in <paramref name="line"/>, the line last offered, after <see cref="ContainerLogStep.Line"/>.</summary>
    public ReadOnlySpan<byte> Content(ReadOnlySpan<byte> line) =>
        Wrapper == ContainerLogWrapper.Docker ? Joined : line.TrimEnd((byte)'\r')[ContentStart..];

    /// <summary>Reads one line of the log (without its line feed).</summary>
    public ContainerLogStep Offer(ReadOnlySpan<byte> line)
    {
        if (line is [.., (byte)'\r'])
            line = line[..^1];
        if (Joining)
            return Continue(line);
        ContentStart = 0;
        if (DockerLogRecord.Starts(line))
        {
            Wrapper = ContainerLogWrapper.Docker;
            _length = 0;
            if (Docker(line, out var stdout, out var complete) is { } problem)
                return Fail(problem, ContainerLogStep.Malformed);
            Stdout = stdout;
            if (complete)
                return ContainerLogStep.Line;
            (_joining, _joiningStdout) = (ContainerLogWrapper.Docker, stdout);
            return ContainerLogStep.Part;
        }
        var prefix = ContainerLogPrefix.Read(line);
        (Wrapper, ContentStart, Stdout) = (prefix.Wrapper, prefix.Content, prefix.Stdout);
        if (!prefix.Partial)
            return ContainerLogStep.Line;
        _length = 0;
        if (!Append(line[prefix.Content..]))
            return Fail(TooLong, ContainerLogStep.Malformed);
        (_joining, _joiningStdout) = (ContainerLogWrapper.Cri, prefix.Stdout);
        return ContainerLogStep.Part;
    }

    /// <summary>The line offered on its own, as far as it goes (a part's content): what its first bytes tell, for format detection.</summary>
    public ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> line)
    {
        _joining = ContainerLogWrapper.None;
        var step = Offer(line);
        _joining = ContainerLogWrapper.None;
        return step == ContainerLogStep.Malformed ? line
            : Wrapper == ContainerLogWrapper.Docker || step == ContainerLogStep.Part ? Joined
            : Content(line);
    }

    /// <summary>At the end of the input: the problem with the parts offered without their last one, or null when there are none.</summary>
    public string? Abandon()
    {
        if (!Joining)
            return null;
        var problem = UnfinishedProblem;
        _joining = ContainerLogWrapper.None;
        return problem;
    }

    private string TooLong => $"a line joined from its parts is longer than {maxBytes / (1024 * 1024.0):0.##} MiB";

    private string UnfinishedProblem => _joining == ContainerLogWrapper.Docker
        ? "a Docker log line split in records ends without its last record (a log ending with a line feed)"
        : "a container log line split in parts (P) ends without its last part (F)";

    private ContainerLogStep Continue(ReadOnlySpan<byte> line)
    {
        if (_joining == ContainerLogWrapper.Cri)
        {
            var prefix = ContainerLogPrefix.Read(line);
            if (prefix.Wrapper != ContainerLogWrapper.Cri)
                return Fail(UnfinishedProblem, ContainerLogStep.Unfinished);
            if (prefix.Stdout != _joiningStdout)
                return ContainerLogStep.OtherStream;
            if (!Append(line[prefix.Content..]))
                return Fail(TooLong, ContainerLogStep.Unfinished);
            return prefix.Partial ? ContainerLogStep.Part : Finish(ContainerLogWrapper.Cri);
        }
        var before = _length;
        if (!DockerLogRecord.Starts(line) || Docker(line, out var stdout, out var complete) is not null)
        {
            _length = before;
            return Fail(UnfinishedProblem, ContainerLogStep.Unfinished);
        }
        if (stdout != _joiningStdout)
        {
            _length = before;
            return ContainerLogStep.OtherStream;
        }
        if (_length > maxBytes)
            return Fail(TooLong, ContainerLogStep.Unfinished);
        return complete ? Finish(ContainerLogWrapper.Docker) : ContainerLogStep.Part;
    }

    private ContainerLogStep Finish(ContainerLogWrapper wrapper)
    {
        (Wrapper, Stdout, ContentStart) = (wrapper, _joiningStdout, 0);
        _joining = ContainerLogWrapper.None;
        return ContainerLogStep.Joined;
    }

    private ContainerLogStep Fail(string problem, ContainerLogStep step)
    {
        Problem = problem;
        _joining = ContainerLogWrapper.None;
        return step;
    }

    private string? Docker(ReadOnlySpan<byte> line, out bool stdout, out bool complete) =>
        DockerLogRecord.Read(line, ref _buffer, ref _length, out stdout, out complete);

    private bool Append(ReadOnlySpan<byte> content)
    {
        if (_length + (long)content.Length > maxBytes)
            return false;
        if (_buffer.Length - _length < content.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + content.Length));
        content.CopyTo(_buffer.AsSpan(_length));
        _length += content.Length;
        return true;
    }
}
