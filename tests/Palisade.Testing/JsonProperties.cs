using System.Text.Json.Nodes;

namespace Palisade.Testing;

/// <summary>Edits of parsed JSON for comparisons that must ignore a field (file locations, which a live read has none of).</summary>
public static class JsonProperties
{
    /// <summary>Removes every property named <paramref name="name"/>, at any depth.</summary>
    public static void RemoveEverywhere(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove(name);
                foreach (var (_, child) in o)
                    RemoveEverywhere(child, name);
                break;
            case JsonArray a:
                foreach (var child in a)
                    RemoveEverywhere(child, name);
                break;
        }
    }
}
