using System.Globalization;
using Microsoft.AspNetCore.Http;
using Palisade.Server.Storage;

namespace Palisade.Server.Api;

/// <summary>
/// The cursor of <c>/api/v1/flows</c> and <c>/api/v1/alerts</c>: <c>next</c> in a page, <c>after=</c> in the request for
/// the next one. Opaque to clients; it is the last listed record's (or alert's) time in milliseconds and its id (an alert's
/// sequence: <c>1700000000005-42</c>), so those sharing one time are neither repeated nor skipped, which paging by the
/// last one's time cannot promise.
/// </summary>
public static class PageCursor
{
    /// <summary>The cursor after the record.</summary>
    public static string Format(RecordPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Time.ToUnixTimeMilliseconds()}-{position.Id}");

    /// <summary>The <c>after=</c> parameter; null when absent; 400 when it is not a cursor this service gives.</summary>
    public static RecordPosition? Read(HttpContext context)
    {
        var text = context.Request.Query["after"].ToString();
        if (text.Length == 0)
            return null;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0
            && long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            && long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return new RecordPosition(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), id);
        throw ApiProblem.BadRequest($"after: \"{text}\" is not a cursor; send back the \"next\" of the previous page");
    }
}
