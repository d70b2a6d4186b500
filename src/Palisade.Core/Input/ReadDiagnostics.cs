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

    /// <summary>Whether a malformed record stops the read with an <see cref="InvalidInputException"/>.</summary>
    public bool Strict { get; } = strict;

    /// <summary>Records that could not be read and were skipped.</summary>
    public long Malformed { get; private set; }

    /// <summary>Records deliberately skipped as carrying no data (VPC NODATA/SKIPDATA, other log categories).</summary>
    public long Skipped { get; private set; }

    /// <summary>The first malformed records, as <c>file:line: problem</c>, then a count of the rest.</summary>
    public IReadOnlyList<string> Warnings =>
        Malformed > _warnings.Count ? [.. _warnings, $"{Malformed - _warnings.Count} more malformed records skipped"] : _warnings;

    /// <summary>Records a malformed record: an error when strict, else a warning.</summary>
    public void Report(SourceLocation location, string problem)
    {
        if (Strict)
            throw new InvalidInputException(location, null, null, problem);
        Malformed++;
        if (_warnings.Count < maxWarnings)
            _warnings.Add($"{location}: {problem} (skipped)");
    }

    /// <summary>Records a record skipped on purpose.</summary>
    public void Skip() => Skipped++;
}
