using Palisade.Audit.Detection;

namespace Palisade.Audit.Detectors;

/// <summary>API verbs in messages.</summary>
internal static class Verbs
{
    /// <summary>"created", "patched", "deleted", ...</summary>
    public static string Past(string verb) => verb switch
    {
        "create" => "created",
        "update" => "updated",
        "patch" => "patched",
        "delete" => "deleted",
        "deletecollection" => "deleted the collection",
        "get" => "read",
        "list" => "listed",
        "watch" => "watched",
        _ => $"did {verb} on",
    };
}
