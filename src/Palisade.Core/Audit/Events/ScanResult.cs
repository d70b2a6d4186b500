namespace Palisade.Audit.Events;

/// <summary>What <see cref="JsonRecordScanner.Next"/> found.</summary>
internal enum ScanResult
{
    /// <summary>A record: a JSON value to parse.</summary>
    Record,

    /// <summary>A malformed stretch of input, already skipped.</summary>
    Malformed,

    /// <summary>The end of the input.</summary>
    End,
}
