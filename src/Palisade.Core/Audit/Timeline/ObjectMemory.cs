using System.Text.Json.Nodes;

namespace Palisade.Audit.Timeline;

/// <summary>
/// What a replay remembers of one object beyond its body, from the earlier requests of the log: what the patches since
/// its body was lost are known to have set (<see cref="PartialPatch"/>), and what each field manager owns of it by
/// server-side apply. Neither is modified once given.
/// </summary>
public sealed record ObjectMemory(JsonObject? Patched, IReadOnlyDictionary<string, JsonObject>? Applied);
