namespace Palisade.Server.Storage;

/// <summary>
/// An alert as stored: its key (one per detector or rule, source, destination, protocol and cause, or per audit
/// request), its name, its time (an audit alert's request time, a flow alert's last flow) and its JSON object in the
/// detection contract. A later version of the same key replaces it.
/// </summary>
public sealed record StoredAlert(string Key, string Name, DateTimeOffset Time, string Json);
