using Microsoft.AspNetCore.Http;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// One watch answer: a line per event (the current objects as <c>ADDED</c> when the watch starts without a
/// resourceVersion or at "0"), then the script's end: held open until the client leaves or <c>timeoutSeconds</c>
/// pass, closed, or an <c>ERROR</c> event with 410 Expired and closed; or, as a fault, dropped after the events.
/// </summary>
internal sealed class WatchStream(FakeRequest request, FakeObjectStore store, WatchScript script)
{
    private static readonly TimeSpan DropPause = TimeSpan.FromMilliseconds(500);

    public async Task WriteAsync(HttpContext context, bool dropAfterEvents, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        foreach (var e in Events())
        {
            await context.Response.WriteAsync(e.ToLine(), cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
        if (dropAfterEvents)
        {
            // A pause first, so the client has read the events before the reset reaches it (a reset discards
            // whatever the client's socket has not yet read).
            await Task.Delay(DropPause, cancellationToken);
            context.Abort();
            return;
        }
        switch (script.End)
        {
            case WatchEnd.Expire:
                var error = new WatchEvent("ERROR", KubeStatus.WatchExpired(request.ResourceVersion, store.Revision));
                await context.Response.WriteAsync(error.ToLine(), cancellationToken);
                break;
            case WatchEnd.Hold:
                await Hold(cancellationToken);
                break;
        }
    }

    private IEnumerable<WatchEvent> Events()
    {
        var initial = request.ResourceVersion is null or "0"
            ? store.List(request.Resource!, request.Namespace).Select(i => WatchEvent.Added(i.Object))
            : [];
        return initial.Concat(script.Events.Where(e => request.Namespace is null || e.Namespace == request.Namespace));
    }

    /// <summary>Keeps the stream open; the real server ends a watch cleanly once its timeoutSeconds are up.</summary>
    private async Task Hold(CancellationToken cancellationToken)
    {
        var timeout = request.TimeoutSeconds is > 0 and var s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan;
        try
        {
            await Task.Delay(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client left or the server is stopping; either way the stream is over.
        }
    }
}
