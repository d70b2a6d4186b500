using System.Text.Json;

namespace Palisade.Flows.Baseline;

/// <summary>
/// Where an edge of a baseline file, or one of its fields, is written. Worked out only for an error: the document
/// is read as a whole for speed, and a parsed document keeps no positions.
/// </summary>
internal static class BaselineLocator
{
    /// <summary>The line and column of the edge's field (of the edge itself when it lacks the field); the file alone when neither is found.</summary>
    public static SourceLocation Of(string file, ReadOnlySpan<byte> json, int index, string field)
    {
        var reader = new Utf8JsonReader(json);
        long edge = -1;
        var seen = -1;
        var inEdges = false;
        while (reader.Read())
        {
            if (!inEdges)
            {
                inEdges = reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("edges"u8);
                continue;
            }
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
                break;
            if (reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.StartObject && ++seen == index)
                edge = reader.TokenStartIndex;
            else if (edge >= 0 && reader.CurrentDepth == 2 && reader.TokenType == JsonTokenType.EndObject)
                break;
            else if (edge >= 0 && reader.CurrentDepth == 3 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(field))
                return At(file, json, reader.TokenStartIndex);
        }
        return edge >= 0 ? At(file, json, edge) : new SourceLocation(file);
    }

    /// <summary>The line and column of a top-level property, or the file alone.</summary>
    public static SourceLocation OfProperty(string file, ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name))
                return At(file, json, reader.TokenStartIndex);
        }
        return new SourceLocation(file);
    }

    private static SourceLocation At(string file, ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return new SourceLocation(file, before.Count((byte)'\n') + 1, (int)offset - lastNewline);
    }
}
