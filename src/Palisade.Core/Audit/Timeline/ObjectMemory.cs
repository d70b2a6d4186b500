using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What a replay remembers of one object beyond its body, from the earlier requests of the log: what the patches since
/// its body was lost are known to have set (<see cref="PartialPatch"/>), and what each field manager owns of it by
/// server-side apply. Neither is modified once given. A class, not a record: a memory is handed over, never compared.
/// </summary>
public sealed class ObjectMemory(JsonObject? patched, IReadOnlyDictionary<string, JsonObject>? applied)
{
    /// <summary>What the patches since the body was lost are known to have set, or null.</summary>
    public JsonObject? Patched { get; } = patched;

    /// <summary>What each field manager owns of the object by server-side apply, or null.</summary>
    public IReadOnlyDictionary<string, JsonObject>? Applied { get; } = applied;
}
