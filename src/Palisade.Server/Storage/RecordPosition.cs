namespace Palisade.Server.Storage;

/// <summary>
/// Where a record sits in the order records are listed by their own time: its time (to the millisecond, as stored) and,
/// among records of one time, its id. A page of <c>/api/v1/flows</c> ends at one, and the next page starts after it.
/// </summary>
public readonly record struct RecordPosition(DateTimeOffset Time, long Id)
{
    /// <summary>The position of a stored record.</summary>
    public static RecordPosition Of(StoredRecord record) => new(record.Time, record.Id);
}
