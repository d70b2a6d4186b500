namespace Palisade.Server.Storage;

/// <summary>
/// An alert as stored: its key (one per detector or rule, source, destination, protocol and cause, or per audit
/// request), its name, its time (an audit alert's request time, a flow alert's last flow) and its JSON object in the
/// detection contract. A later version of the same key replaces it.
/// </summary>
public sealed record StoredAlert(string Key, string Name, DateTimeOffset Time, string Json)
{
    /// <summary>The sequence number the store gave this version when it stored it (0 before); a newer version has a higher one.</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// The sequence of the first alert stored now after <paramref name="last"/>: the time in microseconds, so that it keeps
    /// growing across a restart and above the ids the alert stream gave before sequences were stored, or one more than the
    /// last when the clock is behind it.
    /// </summary>
    public static long FirstSequence(long last, DateTimeOffset now) => Math.Max(last + 1, now.ToUnixTimeMilliseconds() * 1000);
}
