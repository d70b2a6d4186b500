using System.Text.Json.Nodes;

namespace Palisade.Testing.FakeApi;

/// <summary>One event of a watch stream: <c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, <c>BOOKMARK</c> or <c>ERROR</c>.</summary>
public sealed record WatchEvent(string Type, JsonObject Object)
{
    public static WatchEvent Added(JsonObject obj) => new("ADDED", obj);

    public static WatchEvent Modified(JsonObject obj) => new("MODIFIED", obj);

    public static WatchEvent Deleted(JsonObject obj) => new("DELETED", obj);

    /// <summary>The namespace of the object, to filter events for a watch of one namespace.</summary>
    internal string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();

    /// <summary>The line the server writes: <c>{"type":…,"object":…}</c>.</summary>
    internal string ToLine() => FakeJson.Write(new JsonObject { ["type"] = Type, ["object"] = Object.DeepClone() }) + "\n";
}
