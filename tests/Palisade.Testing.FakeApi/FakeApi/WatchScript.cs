namespace Palisade.Testing.FakeApi;

/// <summary>
/// What one watch request receives after the initial <c>ADDED</c> events (sent only when the watch starts without a
/// resourceVersion, or at "0", as on the real server): these events, then how the stream ends.
/// </summary>
public sealed record WatchScript(IReadOnlyList<WatchEvent> Events, WatchEnd End)
{
    /// <summary>The default: no events, the stream held open until the client leaves or timeoutSeconds pass.</summary>
    public static WatchScript Hold(params WatchEvent[] events) => new(events, WatchEnd.Hold);

    /// <summary>The events, then the server closes the stream cleanly.</summary>
    public static WatchScript Close(params WatchEvent[] events) => new(events, WatchEnd.Close);

    /// <summary>The events, then an <c>ERROR</c> event with a 410 Expired Status, then the stream closes.</summary>
    public static WatchScript Expire(params WatchEvent[] events) => new(events, WatchEnd.Expire);
}

/// <summary>How a scripted watch stream ends.</summary>
public enum WatchEnd
{
    Hold,
    Close,
    Expire,
}
