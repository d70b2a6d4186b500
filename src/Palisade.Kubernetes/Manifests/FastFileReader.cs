using System.Text.Unicode;
using Palisade.Kubernetes.Manifests.Models;
using Palisade.Kubernetes.Manifests.Schema;
using Palisade.Kubernetes.Manifests.Tokens;
using Palisade.Kubernetes.Mapping;
using YamlDotNet.Core;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Reads one file's bytes into the objects <see cref="ManifestReader"/> would read from it: JSON with
/// <see cref="JsonTokenizer"/>, YAML with <see cref="YamlTokenizer"/>, the common kinds' client models straight
/// from the tokens (<see cref="ModelReaders"/>), other kinds through YamlDotNet's deserializer. Whatever would
/// make the general reader warn or fail, or that the fast readers do not handle exactly as it does, raises
/// <see cref="UnsupportedInputException"/> before anything of the file is kept: the caller reads the file with
/// the general reader then. Field marks are not kept: the object is read again when a location is asked for.
/// </summary>
internal sealed class FastFileReader
{
    private readonly string _file;
    private readonly byte[] _text;
    private readonly bool _json;
    private readonly List<ManifestObject> _objects = [];
    private readonly List<IgnoredObject> _ignored = [];

    private FastFileReader(string file, byte[] text, bool json)
    {
        _file = file;
        _text = text;
        _json = json;
    }

    /// <summary>The objects and ignored objects of the file.</summary>
    public static (List<ManifestObject> Objects, List<IgnoredObject> Ignored) Read(string file, byte[] text)
    {
        var start = text.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (!Utf8.IsValid(text) || HasLoneCarriageReturn(text))
            throw new UnsupportedInputException("not UTF-8 text with \\n or \\r\\n line breaks");
        var first = text.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        var json = first >= 0 && text[start + first] is (byte)'{' or (byte)'[';
        var reader = new FastFileReader(file, text, json);
        // About one token per twelve bytes of manifest: sized once, so that a large file's tokens are not copied as they grow.
        var tokens = new TokenBuffer(text, Math.Clamp(text.Length / 12, 256, 1 << 24));
        if (json)
        {
            JsonTokenizer.Read(text, start, 1, start, tokens);
            reader.Root(tokens);
        }
        else
        {
            var yaml = new YamlTokenizer(text, start);
            while (yaml.NextDocument(tokens))
                reader.Root(tokens);
        }
        return (reader._objects, reader._ignored);
    }

    private static bool HasLoneCarriageReturn(ReadOnlySpan<byte> text)
    {
        int i;
        while ((i = text.IndexOf((byte)'\r')) >= 0)
        {
            if (i + 1 >= text.Length || text[i + 1] != (byte)'\n')
                return true;
            text = text[(i + 1)..];
        }
        return false;
    }

    private void Root(TokenBuffer tokens)
    {
        if (tokens.Count == 0)
            return;
        if (tokens[0].Kind != TokenKind.MappingStart)
            throw new UnsupportedInputException("a document that is not a mapping");
        Object(tokens, 0, null, null);
    }

    /// <summary>Whether the key's value is unquoted text kubectl reads as a number or boolean; the general reader says where.</summary>
    private static bool NotString(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        TokenTree.Find(tokens, mapping, key) is var value and >= 0 && tokens[value].Kind == TokenKind.Scalar
        && tokens[value].Style == YamlDotNet.Core.ScalarStyle.Plain && UnquotedScalars.TypeOf(tokens.RawValue(value)) is not null;

    private void Object(TokenBuffer tokens, int start, string? defaultKind, string? defaultApiVersion)
    {
        // The last of a repeated key, as YamlDotNet's reading of the mapping keeps.
        if (NotString(tokens, start, "kind"u8) || NotString(tokens, start, "apiVersion"u8))
            throw new UnsupportedInputException("a kind or apiVersion that is not a string");
        var kind = TokenTree.Scalar(tokens, start, "kind"u8);
        var apiVersion = TokenTree.Scalar(tokens, start, "apiVersion"u8);
        if (string.IsNullOrEmpty(kind))
            kind = defaultKind;
        apiVersion = string.IsNullOrEmpty(apiVersion) ? defaultApiVersion : apiVersion;
        if (string.IsNullOrEmpty(kind))
            throw new UnsupportedInputException("an object without kind");
        var location = tokens.Locate(_file, start);
        if (TokenTree.Find(tokens, start, "items"u8) is var items and >= 0 && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
        {
            List(tokens, items, kind, apiVersion);
            return;
        }
        if (KindTable.Unserved(apiVersion, kind) is not null)
            throw new UnsupportedInputException("an apiVersion Kubernetes does not serve");
        var row = KindTable.Resolve(apiVersion, kind, out var reason);
        if (row is null)
        {
            var events = TokenTree.Events(tokens, start, TokenTree.NodeEnd(tokens, start));
            _ignored.Add(new IgnoredObject(location, kind, TokenTree.ObjectName(tokens, start), reason ?? "not analysed")
            {
                ApiVersion = apiVersion,
                HasContainers = DecisiveObjects.HasContainers(events, 0, events.Count),
            });
            return;
        }
        var end = TokenTree.NodeEnd(tokens, start);
        if (TokenTree.HasNullItem(tokens, start, end))
            throw new UnsupportedInputException("a null list item");
        ShapeCheck.Check(tokens, start, ModelShape.Of(row.Model));
        var partial = ModelReaders.Of(row.Model)?.Invoke(tokens, start);
        var model = partial ?? Deserialize(tokens, start, end, row.Model);
        var again = Again(tokens, start);
        _objects.Add(new ManifestObject(apiVersion ?? "", kind, model, new FieldLocations(_file, again.FieldMarks, location, again.MarkOf))
        {
            Complete = partial is null ? null : Complete(again, row.Model),
        });
    }

    private void List(TokenBuffer tokens, int items, string listKind, string? apiVersion)
    {
        if (tokens[items].Kind != TokenKind.SequenceStart)
        {
            if (tokens.IsNull(items))
                return;
            throw new UnsupportedInputException("items that are not a list");
        }
        var itemKind = listKind == "List" ? null : listKind[..^"List".Length];
        foreach (var item in TokenTree.Items(tokens, items))
        {
            if (tokens[item].Kind != TokenKind.MappingStart)
                throw new UnsupportedInputException("a list item that is not an object");
            Object(tokens, item, itemKind, itemKind is null ? null : apiVersion);
        }
    }

    private static object Deserialize(TokenBuffer tokens, int start, int end, Type model)
    {
        var events = TokenTree.Events(tokens, start, end);
        try
        {
            return ModelDeserializer.Deserialize(new EventReplayParser(events, 0, events.Count), model)
                ?? throw new UnsupportedInputException("an empty object");
        }
        catch (YamlException e)
        {
            throw new UnsupportedInputException($"deserialization: {e.Message}");
        }
    }

    /// <summary>The object's model with every field (the general deserializer's), read again from its start.</summary>
    private Func<object> Complete(ObjectTokens again, Type model) => () =>
    {
        var read = again.Read();
        return Deserialize(read, 0, TokenTree.NodeEnd(read, 0), model);
    };

    private ObjectTokens Again(TokenBuffer tokens, int start) =>
        new(_text, _json, tokens[start].Offset, tokens[start].Line, tokens[start].LineStart);
}
