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
    /// When the body after the write is unknown, what the request itself set (a patch applied to an empty body, see
    /// <see cref="PartialPatch"/>): only the fields the patch names mean anything in it. Never part of the replayed state.
    /// </summary>
    public JsonNode? Partial => PartialOf?.Invoke();

    /// <summary>
    /// How <see cref="Partial"/> is worked out, each time it is asked: the patch is parsed only if a rule looks at it, and
    /// nothing of it is kept with the write.
    /// </summary>
    public Func<JsonNode?>? PartialOf { get; init; }

    /// <summary>Whether the write created the object (it was not there before).</summary>
    public bool Created => BeforeKnown && Before is null && (After is not null || !AfterKnown);

    /// <summary>Whether the write removed the object.</summary>
    public bool Deleted => AfterKnown && After is null;
}
