using Palisade.Kubernetes.Mapping;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Reads the Kubernetes manifests of one file's text (<see cref="ManifestInputs"/> finds the files):
/// multi-document YAML, JSON, <c>List</c> and <c>*List</c> kinds. Each object of an analysed kind is
/// deserialised into the client's model with the location of each of its fields. The fast readers
/// (<see cref="FastFileReader"/>) read the text first; what they do not take is read here, event by event with
/// YamlDotNet, which also gives every error message.
/// </summary>
internal sealed class ManifestReader
{
    private readonly List<ManifestObject> _objects = [];
    private readonly List<IgnoredObject> _ignored = [];
    private readonly List<string> _warnings = [];
    private readonly List<ManifestObject> _extras = [];
    private readonly IReadOnlyDictionary<string, Type> _extraKinds;

    private ManifestReader(IReadOnlyDictionary<string, Type>? extraKinds = null) =>
        _extraKinds = extraKinds ?? new Dictionary<string, Type>();

    /// <summary>
    /// Reads manifests from text, as if from the named file; throws <see cref="InvalidInputException"/> on bad input.
    /// Core-group objects of the <paramref name="extraKinds"/> (kind to client model), which the model does not hold,
    /// are read into <see cref="ManifestReadResult.Extras"/> for callers that need them (ConfigMaps, for
    /// <c>generate --from-manifests</c>).
    /// </summary>
    public static ManifestReadResult ReadText(string fileName, string text, IReadOnlyDictionary<string, Type>? extraKinds = null) =>
        Read(fileName, System.Text.Encoding.UTF8.GetBytes(text), text, extraKinds);

    /// <summary>Reads manifests from a file's bytes (UTF-8, or another encoding its byte order mark names).</summary>
    public static ManifestReadResult ReadBytes(string fileName, byte[] bytes, IReadOnlyDictionary<string, Type>? extraKinds = null) =>
        Read(fileName, bytes, null, extraKinds);

    // The fast readers do not know extra kinds: a read that asks for them goes to the general reader.
    private static ManifestReadResult Read(string fileName, byte[] bytes, string? text, IReadOnlyDictionary<string, Type>? extraKinds)
    {
        if (ControlCharacters.In(bytes))
        {
            RequireText(fileName, bytes);
            ControlCharacters.Refuse(fileName, bytes);
        }
        if (extraKinds is not { Count: > 0 })
        {
            try
            {
                var (objects, ignored) = FastFileReader.Read(fileName, bytes);
                return new ManifestReadResult(objects, ignored, []);
            }
            catch (Tokens.UnsupportedInputException)
            {
            }
        }
        if (text is null)
            RequireText(fileName, bytes);
        text ??= Decode(bytes);
        ControlCharacters.Refuse(fileName, text);
        return ReadGeneral(fileName, text, extraKinds);
    }

    /// <summary>
    /// Refuses bytes that are neither UTF-8 nor text a byte order mark names (as kubectl does): decoded with
    /// replacement characters, a compressed or binary file would fail later with a YAML message about its noise.
    /// </summary>
    private static void RequireText(string fileName, byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes) || bytes is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF, ..])
            return;
        if (bytes is [0x1F, 0x8B, ..])
            throw new InvalidInputException(new SourceLocation(fileName), null, null, "gzip-compressed, not a manifest: decompress it first (gunzip -c FILE | palisade ... -)");
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        var before = bytes.AsSpan(0, valid);
        var line = 1 + before.Count((byte)'\n');
        var column = valid - before.LastIndexOf((byte)'\n');
        throw new InvalidInputException(new SourceLocation(fileName, line, column), null, null, "not UTF-8 text: a binary file, or text in another encoding (convert it to UTF-8)");
    }

    /// <summary>The text of a file's bytes, as <see cref="File.ReadAllText(string)"/> decodes them.</summary>
    public static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Reads manifests from text with YamlDotNet alone, as the fast readers' fallback does.</summary>
    internal static ManifestReadResult ReadGeneral(string fileName, string text, IReadOnlyDictionary<string, Type>? extraKinds = null)
    {
        var reader = new ManifestReader(extraKinds);
        reader.ReadDocumentStream(fileName, text);
        return new ManifestReadResult(reader._objects, reader._ignored, reader._warnings) { Extras = reader._extras };
    }

    private void ReadDocumentStream(string file, string text)
    {
        var events = Parse(file, text);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not DocumentStart)
                continue;
            var root = i + 1;
            var end = YamlEvents.NodeEnd(events, root);
            ReadRoot(file, events, root, end);
            i = end - 1;
        }
    }

    private static List<ParsingEvent> Parse(string file, string text)
    {
        var events = new List<ParsingEvent>();
        for (Mark? from = Mark.Empty; from is { } origin;)
            from = Parse(file, text, origin, events);
        DuplicateKeys.Check(file, events);
        var expanded = Aliases.Expand(file, events);
        return YamlEvents.HasMergeKey(expanded) ? MergeKeys.Expand(file, expanded) : expanded;
    }

    /// <summary>
    /// Parses the text from <paramref name="origin"/> on into <paramref name="events"/>, marked in the whole text.
    /// JSON objects one after another (<c>kubectl get NAME -o json</c> appended per object, JSON lines) are a stream
    /// of documents to kubectl's decoder, and one malformed document to YAML: in a file that starts as JSON, the
    /// value after a complete one is where the next parse starts, returned; null at the end of the text.
    /// </summary>
    private static Mark? Parse(string file, string text, Mark origin, List<ParsingEvent> events)
    {
        var parser = new Parser(new StringSliceReader(text, (int)origin.Index));
        try
        {
            while (parser.MoveNext())
            {
                if (events.Count == 0 || parser.Current is not StreamStart)
                    events.Add(origin.Index == 0 ? parser.Current! : EventMarks.Shift(parser.Current!, origin));
            }
            return null;
        }
        catch (YamlException e)
        {
            var at = EventMarks.Shift(e.Start, origin);
            var problem = YamlEvents.Problem(e);
            if (problem.StartsWith("Did not find expected <document end>", StringComparison.Ordinal) && StartsJson(text, 0) && NextValue(text, at) is { } next)
            {
                events.Add(new DocumentEnd(true, at, at));
                return next;
            }
            // YamlDotNet places a tab in indentation at the start of the mapping it breaks, often the document's.
            var (line, column) = problem.Contains("tab", StringComparison.Ordinal) && TabInIndentation(text, (int)at.Line) is { } tab
                ? tab
                : ((int)at.Line, (int)at.Column);
            throw new InvalidInputException(new SourceLocation(file, line, column), null, null, $"malformed YAML/JSON: {problem}", e);
        }
    }

    /// <summary>Whether the first character from <paramref name="index"/> on that is not a blank opens a JSON object or array.</summary>
    private static bool StartsJson(string text, int index) =>
        text.AsSpan(index).TrimStart(" \t\r\n\uFEFF") is [('{' or '['), ..];

    /// <summary>The mark of the JSON object or array that follows <paramref name="at"/> after blanks, if one does.</summary>
    private static Mark? NextValue(string text, Mark at)
    {
        var (index, line, column) = ((int)at.Index, at.Line, at.Column);
        for (; index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n'; index++)
            (line, column) = text[index] == '\n' ? (line + 1, 1) : (line, column + 1);
        return StartsJson(text, index) && index < text.Length ? new Mark(index, line, column) : null;
    }

    /// <summary>The line and column of the first tab in a line's indentation, from the given line on.</summary>
    private static (int Line, int Column)? TabInIndentation(string text, int fromLine)
    {
        var line = 1;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            if (line >= fromLine)
            {
                var blank = start;
                while (blank < end && text[blank] is ' ' or '\t')
                    blank++;
                var tab = text.IndexOf('\t', start, blank - start);
                if (tab >= 0)
                    return (line, tab - start + 1);
            }
            start = end + 1;
        }
        return null;
    }

    private void ReadRoot(string file, List<ParsingEvent> events, int start, int end)
    {
        var node = events[start];
        if (node is Scalar { Value: "" } or DocumentEnd)
            return;
        if (node is not MappingStart)
        {
            _warnings.Add($"{Locate(file, node)}: skipped a document that is not a Kubernetes object (not a mapping)");
            return;
        }
        ReadObject(file, events, start, end, null, null);
    }

    /// <summary>Refuses a top-level key whose unquoted value kubectl reads as a number or boolean (<c>kind: 5</c>).</summary>
    private static void RequireString(string file, List<ParsingEvent> events, int start, int end, string key)
    {
        if (YamlEvents.FindValue(events, start, end, key) is { } at && events[at] is Scalar { Style: ScalarStyle.Plain, Value.Length: > 0 } scalar
            && UnquotedScalars.TypeOf(System.Text.Encoding.UTF8.GetBytes(scalar.Value)) is { } type)
            throw new InvalidInputException(Locate(file, scalar), null, null, $"{key}: {scalar.Value} is {type}, and it takes a string (the API server refuses it)");
    }

    private void ReadObject(string file, List<ParsingEvent> events, int start, int end, string? defaultKind, string? defaultApiVersion)
    {
        RequireString(file, events, start, end, "kind");
        RequireString(file, events, start, end, "apiVersion");
        var fields = YamlEvents.TopLevelScalars(events, start, end);
        fields.TryGetValue("kind", out var kind);
        fields.TryGetValue("apiVersion", out var apiVersion);
        var location = Locate(file, events[start]);
        if (string.IsNullOrEmpty(kind))
            kind = defaultKind;
        apiVersion = string.IsNullOrEmpty(apiVersion) ? defaultApiVersion : apiVersion;
        if (string.IsNullOrEmpty(kind))
        {
            if (apiVersion is null && !YamlEvents.HasKey(events, start, end, "metadata") && !YamlEvents.HasKey(events, start, end, "spec"))
            {
                _warnings.Add($"{location}: skipped a document that is not a Kubernetes object (no kind)");
                return;
            }
            throw new InvalidInputException(location, null, "kind", "missing: every Kubernetes object needs a kind");
        }
        if (YamlEvents.FindValue(events, start, end, "items") is { } items && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
        {
            ReadList(file, events, items, kind, apiVersion);
            return;
        }
        if (KindTable.Unserved(apiVersion, kind) is { } unserved)
        {
            var at = YamlEvents.FindValue(events, start, end, "apiVersion") is { } versionAt ? Locate(file, events[versionAt]) : location;
            throw new InvalidInputException(at, $"{kind} {YamlEvents.ObjectName(events, start, end)}", "apiVersion", unserved);
        }
        var row = KindTable.Resolve(apiVersion, kind, out var reason);
        var extra = row is null && apiVersion is null or "v1" && _extraKinds.TryGetValue(kind, out var extraModel) ? extraModel : null;
        if (row is null && extra is null)
        {
            _ignored.Add(new IgnoredObject(location, kind, YamlEvents.ObjectName(events, start, end), reason ?? "not analysed")
            {
                ApiVersion = apiVersion,
                HasContainers = DecisiveObjects.HasContainers(events, start, end),
            });
            return;
        }
        var locations = new FieldLocations(file, () => YamlEvents.FieldMarks(events, start, end), location);
        if (YamlEvents.FirstNullItem(events, start, end, "") is { } nullItem)
            throw new InvalidInputException(locations.Of(nullItem), $"{kind} {YamlEvents.ObjectName(events, start, end)}", nullItem,
                "empty list item (null); write {} if an empty object is meant");
        object? value;
        var untyped = new List<(Mark At, string Problem)>();
        try
        {
            value = UnquotedScalars.Collecting(untyped, () => ModelDeserializer.Deserialize(new EventReplayParser(events, start, end), row?.Model ?? extra!));
        }
        catch (YamlException e)
        {
            throw new InvalidInputException(Locate(file, e.Start), $"{kind} {YamlEvents.ObjectName(events, start, end)}", FieldAt(events, start, end, e.Start),
                NumberProblem(e, events, start, end) ?? YamlEvents.Problem(e), e);
        }
        if (value is null)
            throw new InvalidInputException(location, kind, null, "empty object");
        // Warned, not refused: a hand-written or generated cluster with `version: 2` in its labels still says what runs.
        foreach (var (at, problem) in untyped)
            _warnings.Add($"{Locate(file, at)}: {kind} {YamlEvents.ObjectName(events, start, end)}: {FieldAt(events, start, end, at)}: {problem}");
        (row is null ? _extras : _objects).Add(new ManifestObject(apiVersion ?? "", kind, value, locations));
    }

    /// <summary>
    /// A scalar the model's integer, quantity or time field cannot take, in the manifest's terms (the converters' own
    /// messages name .NET parsing); null for any other problem.
    /// </summary>
    private static string? NumberProblem(YamlException e, List<ParsingEvent> events, int start, int end)
    {
        var cause = e.InnerException ?? e;
        if (cause is FormatException && cause.Message.StartsWith("The input string", StringComparison.Ordinal))
            return "expected an integer";
        // The client's quantity parser and .NET's time parser explain themselves in their own terms.
        if (cause is FormatException && (cause.Message.Contains("cannot be converted to fraction", StringComparison.Ordinal) || cause.Message.StartsWith("Unable to parse quantity", StringComparison.Ordinal)))
            return ScalarAt(e, events, start, end) is { } quantity ? $"\"{quantity}\" is not a quantity (such as 250m, 2 or 128Mi)" : "expected a quantity (such as 250m, 2 or 128Mi)";
        if (cause.Message.Contains("DateTime", StringComparison.Ordinal))
            return "expected a time in RFC 3339 form, such as 2024-01-31T12:00:00Z";
        if (cause is not OverflowException)
            return null;
        return ScalarAt(e, events, start, end) is { } number ? $"{number} is too large for this field" : "a number too large for this field";
    }

    /// <summary>The value of the scalar the exception is about, if it is one.</summary>
    private static string? ScalarAt(YamlException e, List<ParsingEvent> events, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (events[i] is Scalar scalar && scalar.Start.Line == e.Start.Line && scalar.Start.Column == e.Start.Column)
                return scalar.Value;
        }
        return null;
    }

    private void ReadList(string file, List<ParsingEvent> events, int items, string listKind, string? apiVersion)
    {
        if (events[items] is not SequenceStart)
        {
            if (events[items] is Scalar { Value: "" or "null" or "~" })
                return;
            throw new InvalidInputException(Locate(file, events[items]), listKind, "items", "must be a list");
        }
        var itemKind = listKind == "List" ? null : listKind[..^"List".Length];
        var i = items + 1;
        while (events[i] is not SequenceEnd)
        {
            var end = YamlEvents.NodeEnd(events, i);
            if (events[i] is not MappingStart)
                throw new InvalidInputException(Locate(file, events[i]), listKind, "items", "each item must be an object");
            ReadObject(file, events, i, end, itemKind, itemKind is null ? null : apiVersion);
            i = end;
        }
    }

    private static SourceLocation Locate(string file, ParsingEvent e) => Locate(file, e.Start);

    private static SourceLocation Locate(string file, Mark at) => new(file, (int)at.Line, (int)at.Column);

    /// <summary>The path of the deepest field whose value starts at <paramref name="at"/>.</summary>
    private static string? FieldAt(List<ParsingEvent> events, int start, int end, Mark at) =>
        YamlEvents.FieldMarks(events, start, end).Where(m => m.Value == ((int)at.Line, (int)at.Column)).Select(m => m.Key).MaxBy(k => k.Length);
}
