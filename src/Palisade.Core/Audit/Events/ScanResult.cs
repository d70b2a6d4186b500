namespace Palisade.Audit.Events;

/// <summary>What <see cref="JsonRecordScanner.Next"/> found.</summary>
internal enum ScanResult
{
    /// <summary>A record: a JSON value to parse.</summary>
    Record,

    /// <summary>A malformed stretch of input, already skipped.</summary>
    Malformed,

    /// <summary>A line of another kind, already skipped (a container's own log text beside its audit log).</summary>
    Skipped,

    /// <summary>The end of the input.</summary>
    End,
}
