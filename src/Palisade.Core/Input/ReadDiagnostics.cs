using Palisade.Model;

namespace Palisade.Input;

/// <summary>
/// What readers of record streams (flows, audit events) skipped and why. Leniently, a malformed record is
/// skipped, counted and its first occurrences kept as warnings with file and line; with <see cref="Strict"/>
/// the first one is an error. Not thread-safe: one per reading pass.
/// </summary>
public sealed class ReadDiagnostics(bool strict = false, int maxWarnings = 20)
{
    private readonly List<string> _warnings = [];
    private readonly List<string> _notes = [];

    /// <summary>Whether a malformed record stops the read with an <see cref="InvalidInputException"/>.</summary>
    public bool Strict { get; } = strict;

    /// <summary>Records that could not be read and were skipped.</summary>
    public long Malformed { get; private set; }

    /// <summary>Records deliberately skipped as carrying no data (VPC NODATA/SKIPDATA, other log categories).</summary>
    public long Skipped { get; private set; }

    /// <summary>The first malformed records, as <c>file:line: problem</c>, then a count of the rest, then the notes.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = _warnings.ConvertAll(w => $"{w} (skipped)");
            if (Malformed > _warnings.Count)
                warnings.Add($"{Malformed - _warnings.Count} more malformed records skipped");
            warnings.AddRange(_notes);
            return warnings;
        }
    }

    /// <summary>Records a malformed record: an error when strict, else a warning.</summary>
    public void Report(SourceLocation location, string problem)
    {
        if (Strict)
            throw new InvalidInputException(location, null, null, problem);
        Malformed++;
        if (_warnings.Count < maxWarnings)
            _warnings.Add($"{location}: {problem}");
    }

    /// <summary>
    /// The input's error when its files gave no record and what they held was malformed (<paramref name="malformedBefore"/>:
    /// <see cref="Malformed"/> when the first was opened): nothing could be read, so a report of no findings would say
    /// nothing. Null when records were read, or none and nothing was malformed (empty files, or only records skipped on
    /// purpose). A file whose records are all malformed, among files that give records, is only warned about.
    /// </summary>
    public InvalidInputException? NothingRead(IReadOnlyList<string> files, string what, long read, long malformedBefore)
    {
        if (read > 0 || Malformed == malformedBefore)
            return null;
        var first = malformedBefore < _warnings.Count ? $"; the first: {_warnings[(int)malformedBefore]}" : "";
        return new InvalidInputException(files.Count == 1 ? new SourceLocation(files[0]) : null, null, null,
            $"no {what} could be read{(files.Count == 1 ? "" : $" from the {files.Count} files")}: {Malformed - malformedBefore} malformed{first}");
    }

    /// <summary>
    /// Records something about records that were read all the same (events without auditID): a warning, never an error,
    /// and counted neither as malformed nor as skipped.
    /// </summary>
    public void Note(string warning) => _notes.Add(warning);

    /// <summary>Records a record skipped on purpose.</summary>
    public void Skip() => Skipped++;
}
