namespace Palisade.Server.Storage;

/// <summary>
/// Where a record (or an alert) sits in the order they are listed by their own time: its time (to the millisecond, as
/// stored) and, among those of one time, its id (an alert's sequence). A page of <c>/api/v1/flows</c> or
/// <c>/api/v1/alerts</c> ends at one, and the next page starts after it.
/// </summary>
public readonly record struct RecordPosition(DateTimeOffset Time, long Id)
{
    /// <summary>The position of a stored record.</summary>
    public static RecordPosition Of(StoredRecord record) => new(record.Time, record.Id);

    /// <summary>The position of a stored alert.</summary>
    public static RecordPosition Of(StoredAlert alert) => new(alert.Time, alert.Sequence);
}
