using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What an allowed write did to one object: its body before and after (null when absent), and whether each
/// is known (a body recorded, or derived from the previous state by the patch).
/// </summary>
public sealed record ObjectWrite(ObjectKey Key, JsonNode? Before, JsonNode? After, bool BeforeKnown, bool AfterKnown)
{
    /// <summary>
    /// When the body after the write is unknown, what is known of it: the patch applied to what earlier patches set since
    /// the body was lost (<see cref="KnownBefore"/>), else to an empty body (see <see cref="PartialPatch"/>). Only the fields
    /// named mean anything in it. Never part of the replayed state.
    /// </summary>
    public JsonNode? Partial => PartialOf?.Invoke();

    /// <summary>How <see cref="Partial"/> is worked out, each time it is asked (a status write's patch is parsed only if a rule looks at it).</summary>
    public Func<JsonNode?>? PartialOf { get; init; }

    /// <summary>
    /// When the body before the write is unknown, what patches since it was lost are known to have set of it (only the
    /// fields named mean anything), or null; never modified.
    /// </summary>
    public JsonObject? KnownBefore { get; init; }

    /// <summary>Whether the write created the object (it was not there before).</summary>
    public bool Created => BeforeKnown && Before is null && (After is not null || !AfterKnown);

    /// <summary>Whether the write removed the object.</summary>
    public bool Deleted => AfterKnown && After is null;
}
