using System.Text.Json;

namespace Palisade.Audit.Events;

/// <summary>What a delete's request body (DeleteOptions) says of the request.</summary>
internal static class DeleteOptions
{
    /// <summary>
    /// Whether a delete asked for a dry run in its body (<c>"dryRun": ["All"]</c>): kubectl sends it there rather than
    /// in the query, and GKE entries keep no query at all, so the URI alone misses it.
    /// </summary>
    public static bool AsksDryRun(string? verb, JsonBody? body)
    {
        if (verb is not ("delete" or "deletecollection") || body is not { Kind: JsonValueKind.Object })
            return false;
        if (!body.Element.TryGetProperty("dryRun", out var dryRun) || dryRun.ValueKind != JsonValueKind.Array)
            return false;
        foreach (var value in dryRun.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String && value.ValueEquals("All"))
                return true;
        }
        return false;
    }
}
