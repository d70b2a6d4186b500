using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace Palisade.Audit.Events;

/// <summary>
/// Reads the fields of one record in a single <see cref="Utf8JsonReader"/> pass, whatever its shape: only the
/// request and response bodies are kept whole, as <see cref="JsonBody"/> text parsed on demand; users, object references, annotations and
/// short strings are shared through caches keyed by their raw bytes. Not thread-safe.
/// </summary>
internal sealed class RecordFieldReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = ReadOnlyDictionary<string, string>.Empty;

    private readonly Utf8Cache<string> _strings = new(4096, 96);
    private readonly Utf8Cache<AuditUser> _users = new(1024, 4096);
    private readonly Utf8Cache<AuditUser> _principals = new(256, 512);
    private readonly Utf8Cache<AuditObjectRef> _objectRefs = new(4096, 1024);
    private readonly Utf8Cache<IReadOnlyDictionary<string, string>> _annotations = new(1024, 8192);
    private readonly Utf8Cache<IReadOnlyList<string>> _stringLists = new(1024, 1024);

    /// <summary>
    /// Reads the record <paramref name="json"/> (one JSON object) into <paramref name="fields"/>; stops at a
    /// wrapper array (<see cref="RecordFields.HasWrapper"/>), since the record is then a document of records.
    /// </summary>
    public void Read(ReadOnlySpan<byte> json, RecordFields fields)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            QueryResult(ref reader, json, fields);
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new RecordException("not a JSON object: expected an audit event or a log record");
        while (NextProperty(ref reader, out var name))
        {
            if (reader.TokenType == JsonTokenType.StartArray && IsWrapper(name))
            {
                fields.HasWrapper = true;
                return;
            }
            TopLevel(ref reader, json, name, fields);
        }
        // Throws on anything but whitespace after the object (an embedded Event can carry trailing text).
        reader.Read();
    }

    /// <summary>Whether <paramref name="json"/> is exactly one well-formed JSON object (and whitespace).</summary>
    public static bool IsOneObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void TopLevel(ref Utf8JsonReader r, ReadOnlySpan<byte> json, scoped ReadOnlySpan<byte> name, RecordFields f)
    {
        switch (name.Length)
        {
            case 4 when name.SequenceEqual("kind"u8): f.Kind = Text(ref r, "kind", intern: true); return;
            case 4 when name.SequenceEqual("verb"u8): f.Verb = Text(ref r, "verb", intern: true); return;
            case 4 when name.SequenceEqual("user"u8): f.User = User(ref r, json, "user"); return;
            case 5 when name.SequenceEqual("level"u8): f.Level = Text(ref r, "level", intern: true); return;
            case 5 when name.SequenceEqual("stage"u8): f.Stage = Text(ref r, "stage", intern: true); return;
            case 6 when name.SequenceEqual("labels"u8): f.Annotations = Annotations(ref r, json, "labels"); return;
            case 7 when name.SequenceEqual("auditID"u8): f.AuditId = Text(ref r, "auditID", intern: false); return;
            // A container log line as Docker's json-file driver, Fluent Bit and Fluentd write it: the line in log.
            case 3 when name.SequenceEqual("log"u8): Embedded(ref r, json, f, "log"); return;
            // A Loki query result as logcli writes it (--output=jsonl): the line as shipped.
            case 4 when name.SequenceEqual("line"u8): Embedded(ref r, json, f, "line"); return;
            case 7 when name.SequenceEqual("message"u8): Embedded(ref r, json, f, "message"); return;
            case 8 when name.SequenceEqual("@message"u8): Embedded(ref r, json, f, "@message"); return;
            case 8 when name.SequenceEqual("insertId"u8): f.InsertId = Text(ref r, "insertId", intern: false); return;
            case 8 when name.SequenceEqual("category"u8): f.Category = Text(ref r, "category", intern: true); return;
            // Log Analytics' AzureDiagnostics table: the same record as columns.
            case 8 when name.SequenceEqual("Category"u8): f.Category = Text(ref r, "Category", intern: true); return;
            case 5 when name.SequenceEqual("log_s"u8): Embedded(ref r, json, f, "log_s"); return;
            case 10 when name.SequenceEqual("@logStream"u8): f.LogStream = Text(ref r, "@logStream", intern: true); return;
            case 13 when name.SequenceEqual("logStreamName"u8): f.LogStream = Text(ref r, "logStreamName", intern: true); return;
            case 9 when name.SequenceEqual("objectRef"u8): f.ObjectRef = ObjectRef(ref r, json); return;
            case 9 when name.SequenceEqual("userAgent"u8): f.UserAgent = Text(ref r, "userAgent", intern: true); return;
            case 9 when name.SequenceEqual("sourceIPs"u8): f.SourceIps = StringList(ref r, json, "sourceIPs"); return;
            case 9 when name.SequenceEqual("timestamp"u8): f.Timestamp = TimeUnlessNumber(ref r, "timestamp", out f.TimestampText); return;
            case 9 when name.SequenceEqual("operation"u8): Operation(ref r, f); return;
            case 10 when name.SequenceEqual("apiVersion"u8): f.ApiVersion = Text(ref r, "apiVersion", intern: true); return;
            case 10 when name.SequenceEqual("requestURI"u8): f.RequestUri = Text(ref r, "requestURI", intern: false); return;
            case 10 when name.SequenceEqual("properties"u8): Properties(ref r, json, f); return;
            case 11 when name.SequenceEqual("annotations"u8): f.Annotations = Annotations(ref r, json, "annotations"); return;
            case 12 when name.SequenceEqual("protoPayload"u8): ProtoPayload(ref r, json, f); return;
            case 13 when name.SequenceEqual("requestObject"u8): f.RequestObject = Body(ref r, json); return;
            case 14 when name.SequenceEqual("responseObject"u8): f.ResponseObject = Body(ref r, json); return;
            case 14 when name.SequenceEqual("responseStatus"u8): ResponseStatus(ref r, f); return;
            case 14 when name.SequenceEqual("stageTimestamp"u8): f.StageTimestamp = Time(ref r, "stageTimestamp"); return;
            case 16 when name.SequenceEqual("impersonatedUser"u8): f.ImpersonatedUser = User(ref r, json, "impersonatedUser"); return;
            case 24 when name.SequenceEqual("requestReceivedTimestamp"u8): f.RequestReceived = Time(ref r, "requestReceivedTimestamp", out f.RequestReceivedText); return;
            default: AksAuditColumn(ref r, json, name, f); return;
        }
    }

    /// <summary>
    /// Log Analytics' resource-specific AKSAudit and AKSAuditAdmin tables: the Event's fields as columns named in Pascal
    /// case; the dynamic ones are JSON, or JSON written as text as query results give them.
    /// </summary>
    private void AksAuditColumn(ref Utf8JsonReader r, ReadOnlySpan<byte> json, scoped ReadOnlySpan<byte> name, RecordFields f)
    {
        switch (name.Length)
        {
            case 4 when name.SequenceEqual("Type"u8): f.AksAuditTable = Text(ref r, "Type", intern: true) is "AKSAudit" or "AKSAuditAdmin"; return;
            case 4 when name.SequenceEqual("Verb"u8): f.Verb = Text(ref r, "Verb", intern: true); return;
            case 4 when name.SequenceEqual("User"u8): f.User = Column(ref r, json, f, "User", static (self, _, ref c, text, field) => self.User(ref c, text, field)); return;
            case 5 when name.SequenceEqual("Level"u8): f.Level = Text(ref r, "Level", intern: true); return;
            case 5 when name.SequenceEqual("Stage"u8): f.Stage = Text(ref r, "Stage", intern: true); return;
            case 7 when name.SequenceEqual("AuditId"u8): f.AuditId = Text(ref r, "AuditId", intern: false); return;
            case 9 when name.SequenceEqual("ObjectRef"u8): f.ObjectRef = Column(ref r, json, f, "ObjectRef", static (self, _, ref c, text, _) => self.ObjectRef(ref c, text)); return;
            case 9 when name.SequenceEqual("UserAgent"u8): f.UserAgent = Text(ref r, "UserAgent", intern: true); return;
            case 9 when name.SequenceEqual("SourceIps"u8): f.SourceIps = Column(ref r, json, f, "SourceIps", static (self, _, ref c, text, field) => self.StringList(ref c, text, field)); return;
            case 10 when name.SequenceEqual("RequestUri"u8): f.RequestUri = Text(ref r, "RequestUri", intern: false); return;
            case 11 when name.SequenceEqual("Annotations"u8): f.Annotations = Column(ref r, json, f, "Annotations", static (self, _, ref c, text, field) => self.Annotations(ref c, text, field)); return;
            case 13 when name.SequenceEqual("RequestObject"u8): f.RequestObject = Column(ref r, json, f, "RequestObject", static (_, _, ref c, text, _) => Body(ref c, text)); return;
            case 14 when name.SequenceEqual("ResponseObject"u8): f.ResponseObject = Column(ref r, json, f, "ResponseObject", static (_, _, ref c, text, _) => Body(ref c, text)); return;
            case 14 when name.SequenceEqual("ResponseStatus"u8): Column(ref r, json, f, "ResponseStatus", StatusColumn); return;
            case 16 when name.SequenceEqual("ImpersonatedUser"u8): f.ImpersonatedUser = Column(ref r, json, f, "ImpersonatedUser", static (self, _, ref c, text, field) => self.User(ref c, text, field)); return;
            case 17 when name.SequenceEqual("StageReceivedTime"u8): f.StageTimestamp = Time(ref r, "StageReceivedTime"); return;
            case 19 when name.SequenceEqual("RequestReceivedTime"u8): f.RequestReceived = Time(ref r, "RequestReceivedTime", out f.RequestReceivedText); return;
            default: r.Skip(); return;
        }
    }

    /// <summary>The status column, read into the record's status fields.</summary>
    private static readonly ColumnReader<object> StatusColumn = static (self, fields, ref c, _, _) =>
    {
        self.ResponseStatus(ref c, fields);
        return null;
    };

    private delegate T? ColumnReader<T>(RecordFieldReader self, RecordFields f, ref Utf8JsonReader r, ReadOnlySpan<byte> json, string field);

    /// <summary>
    /// A dynamic column read by <paramref name="read"/>: its value, or the JSON its text holds; text that holds no JSON object
    /// or array (empty, or the "skipped-too-big-size-object" Azure writes for a body over its size limit) is absent.
    /// </summary>
    private T? Column<T>(ref Utf8JsonReader r, ReadOnlySpan<byte> json, RecordFields f, string field, ColumnReader<T> read)
    {
        if (r.TokenType != JsonTokenType.String)
            return read(this, f, ref r, json, field);
        var text = Encoding.UTF8.GetBytes(Unescaped(ref r, field));
        if (text.AsSpan().TrimStart(" \t\r\n"u8) is not [(byte)'{' or (byte)'[', ..])
            return default;
        var inner = new Utf8JsonReader(text, Options);
        inner.Read();
        return read(this, f, ref inner, text, field);
    }

    private static bool IsWrapper(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("items"u8) || name.SequenceEqual("records"u8) || name.SequenceEqual("events"u8) || name.SequenceEqual("logEvents"u8)
        || name.SequenceEqual("results"u8);

    /// <summary>
    /// A CloudWatch Logs Insights result (<c>aws logs get-query-results</c>): a list of <c>{"field", "value"}</c>, read as
    /// the log record whose fields they are (<c>@message</c>, <c>@logStream</c>).
    /// </summary>
    private void QueryResult(ref Utf8JsonReader r, ReadOnlySpan<byte> json, RecordFields f)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            ExpectObject(ref r, "result field");
            var field = "";
            while (NextProperty(ref r, out var name))
            {
                if (name.SequenceEqual("field"u8))
                    field = Text(ref r, "field", intern: true) ?? "";
                else if (name.SequenceEqual("value"u8) && field == "@message")
                    Embedded(ref r, json, f, "@message");
                else if (name.SequenceEqual("value"u8) && field == "@logStream")
                    f.LogStream = Text(ref r, "@logStream", intern: true);
                else
                    r.Skip();
            }
        }
        r.Read();
    }

    /// <summary>Moves to the next property's value; false at the end of the object.</summary>
    private static bool NextProperty(ref Utf8JsonReader r, out ReadOnlySpan<byte> name)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.PropertyName)
        {
            name = default;
            return false;
        }
        name = r.ValueIsEscaped ? Encoding.UTF8.GetBytes(Unescaped(ref r, "property name")) : r.ValueSpan;
        r.Read();
        return true;
    }

    private static void ExpectObject(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType != JsonTokenType.StartObject)
            throw new RecordException($"{field}: expected an object");
    }

    /// <summary>A string value (null for JSON null); short categorical ones are shared.</summary>
    private string? Text(ref Utf8JsonReader r, string field, bool intern)
    {
        if (r.TokenType == JsonTokenType.Null)
            return null;
        if (r.TokenType != JsonTokenType.String)
            throw new RecordException($"{field}: expected a string");
        if (r.ValueIsEscaped)
            return Unescaped(ref r, field);
        return intern ? Interned(r.ValueSpan) : Encoding.UTF8.GetString(r.ValueSpan);
    }

    private string Interned(ReadOnlySpan<byte> bytes)
    {
        if (_strings.TryGet(bytes, out var slot, out var cached))
            return cached;
        var text = Encoding.UTF8.GetString(bytes);
        _strings.Set(slot, bytes, text);
        return text;
    }

    private static string Unescaped(ref Utf8JsonReader r, string field)
    {
        try
        {
            return r.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new RecordException($"{field}: invalid UTF-8");
        }
    }

    private static DateTimeOffset? Time(ref Utf8JsonReader r, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
            return null;
        if (r.TokenType != JsonTokenType.String)
            throw new RecordException($"{field}: expected an RFC 3339 time");
        if (r.TryGetDateTimeOffset(out var time))
            return time;
        // Utf8JsonReader takes ISO 8601 only; the general parser also accepts odd but unambiguous forms.
        if (DateTimeOffset.TryParse(Unescaped(ref r, field), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out time))
            return time;
        throw new RecordException($"{field}: not an RFC 3339 time");
    }

    /// <summary>
    /// A time and, when it is written in UTC, its text: the contract's <c>time</c> is the event's timestamp, which
    /// an alert then gives to the character (six digits with trailing zeros, GKE's nanoseconds).
    /// </summary>
    private static DateTimeOffset? Time(ref Utf8JsonReader r, string field, out string? text)
    {
        var time = Time(ref r, field);
        text = time is not null && !r.ValueIsEscaped && IsRfc3339Utc(r.ValueSpan) ? Encoding.UTF8.GetString(r.ValueSpan) : null;
        return time;
    }

    /// <summary>
    /// Whether the text is <c>YYYY-MM-DDTHH:MM:SS[.digits]Z</c>, the form the API server and GKE write: only such a text
    /// is repeated, since the contract's times are RFC 3339 and the general parser also reads a space or a comma.
    /// </summary>
    private static bool IsRfc3339Utc(ReadOnlySpan<byte> text)
    {
        const string Shape = "dddd-dd-ddTdd:dd:dd";
        if (text.Length < Shape.Length + 1 || text[^1] != (byte)'Z')
            return false;
        for (var i = 0; i < Shape.Length; i++)
        {
            if (Shape[i] == 'd' ? !char.IsAsciiDigit((char)text[i]) : text[i] != Shape[i])
                return false;
        }
        var fraction = text[Shape.Length..^1];
        if (fraction.IsEmpty)
            return true;
        if (fraction.Length < 2 || fraction[0] != (byte)'.')
            return false;
        foreach (var b in fraction[1..])
        {
            if (!char.IsAsciiDigit((char)b))
                return false;
        }
        return true;
    }

    /// <summary>A string time; EKS records carry a number (epoch milliseconds) under the same name, ignored.</summary>
    private static DateTimeOffset? TimeUnlessNumber(ref Utf8JsonReader r, string field, out string? text)
    {
        text = null;
        return r.TokenType == JsonTokenType.Number ? null : Time(ref r, field, out text);
    }

    /// <summary>The body's text, checked well-formed as it is skipped; parsed only if something looks at it.</summary>
    private static JsonBody? Body(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        if (r.TokenType == JsonTokenType.Null)
            return null;
        var start = (int)r.TokenStartIndex;
        r.Skip();
        return new JsonBody(json[start..(int)r.BytesConsumed]);
    }

    /// <summary>The raw bytes of the object or array at the reader, which is left at its end.</summary>
    private static ReadOnlySpan<byte> Raw(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        var start = (int)r.TokenStartIndex;
        r.Skip();
        return json[start..(int)r.BytesConsumed];
    }

    private AuditUser? User(ref Utf8JsonReader r, ReadOnlySpan<byte> json, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
            return null;
        ExpectObject(ref r, field);
        var raw = Raw(ref r, json);
        if (_users.TryGet(raw, out var slot, out var user))
            return user;
        user = ParseUser(raw, field);
        _users.Set(slot, raw, user);
        return user;
    }

    private AuditUser ParseUser(ReadOnlySpan<byte> raw, string field)
    {
        var r = new Utf8JsonReader(raw, Options);
        r.Read();
        string? username = null, uid = null;
        IReadOnlyList<string> groups = [];
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("username"u8))
                username = Text(ref r, field + ".username", intern: true);
            else if (name.SequenceEqual("uid"u8))
                uid = Text(ref r, field + ".uid", intern: true);
            else if (name.SequenceEqual("groups"u8))
                groups = StringList(ref r, raw, field + ".groups");
            else
                r.Skip();
        }
        return new AuditUser(username ?? "") { Groups = groups, Uid = uid };
    }

    private AuditObjectRef? ObjectRef(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        if (r.TokenType == JsonTokenType.Null)
            return null;
        ExpectObject(ref r, "objectRef");
        var raw = Raw(ref r, json);
        if (_objectRefs.TryGet(raw, out var slot, out var objectRef))
            return objectRef;
        objectRef = ParseObjectRef(raw);
        _objectRefs.Set(slot, raw, objectRef);
        return objectRef;
    }

    private AuditObjectRef ParseObjectRef(ReadOnlySpan<byte> raw)
    {
        var r = new Utf8JsonReader(raw, Options);
        r.Read();
        string? resource = null, subresource = null, ns = null, name = null, group = null, version = null, resourceVersion = null, uid = null;
        while (NextProperty(ref r, out var property))
        {
            switch (property.Length)
            {
                case 3 when property.SequenceEqual("uid"u8): uid = Text(ref r, "objectRef.uid", intern: false); break;
                case 4 when property.SequenceEqual("name"u8): name = Text(ref r, "objectRef.name", intern: false); break;
                case 8 when property.SequenceEqual("resource"u8): resource = Text(ref r, "objectRef.resource", intern: true); break;
                case 8 when property.SequenceEqual("apiGroup"u8): group = Text(ref r, "objectRef.apiGroup", intern: true); break;
                case 9 when property.SequenceEqual("namespace"u8): ns = Text(ref r, "objectRef.namespace", intern: true); break;
                case 10 when property.SequenceEqual("apiVersion"u8): version = Text(ref r, "objectRef.apiVersion", intern: true); break;
                case 11 when property.SequenceEqual("subresource"u8): subresource = Text(ref r, "objectRef.subresource", intern: true); break;
                case 15 when property.SequenceEqual("resourceVersion"u8): resourceVersion = Text(ref r, "objectRef.resourceVersion", intern: false); break;
                default: r.Skip(); break;
            }
        }
        return new AuditObjectRef(resource ?? "")
        {
            Subresource = NullIfEmpty(subresource),
            Namespace = NullIfEmpty(ns),
            Name = NullIfEmpty(name),
            ApiGroup = group ?? "",
            ApiVersion = NullIfEmpty(version),
            ResourceVersion = NullIfEmpty(resourceVersion),
            Uid = NullIfEmpty(uid),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private IReadOnlyList<string> StringList(ref Utf8JsonReader r, ReadOnlySpan<byte> json, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
            return [];
        if (r.TokenType != JsonTokenType.StartArray)
            throw new RecordException($"{field}: expected an array of strings");
        var raw = Raw(ref r, json);
        if (_stringLists.TryGet(raw, out var slot, out var list))
            return list;
        list = ParseStringList(raw, field);
        _stringLists.Set(slot, raw, list);
        return list;
    }

    private ReadOnlyCollection<string> ParseStringList(ReadOnlySpan<byte> raw, string field)
    {
        var r = new Utf8JsonReader(raw, Options);
        r.Read();
        var items = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            items.Add(Text(ref r, field, intern: true) ?? throw new RecordException($"{field}: null in a list of strings"));
        return items.AsReadOnly();
    }

    private IReadOnlyDictionary<string, string> Annotations(ref Utf8JsonReader r, ReadOnlySpan<byte> json, string field)
    {
        if (r.TokenType == JsonTokenType.Null)
            return NoAnnotations;
        ExpectObject(ref r, field);
        var raw = Raw(ref r, json);
        if (_annotations.TryGet(raw, out var slot, out var annotations))
            return annotations;
        annotations = ParseAnnotations(raw, field);
        _annotations.Set(slot, raw, annotations);
        return annotations;
    }

    private IReadOnlyDictionary<string, string> ParseAnnotations(ReadOnlySpan<byte> raw, string field)
    {
        var r = new Utf8JsonReader(raw, Options);
        r.Read();
        var map = new Dictionary<string, string>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var key = r.ValueIsEscaped ? Unescaped(ref r, field) : Interned(r.ValueSpan);
            r.Read();
            map[key] = Text(ref r, $"{field}.{key}", intern: true) ?? "";
        }
        return map.Count == 0 ? NoAnnotations : map.AsReadOnly();
    }

    private void ResponseStatus(ref Utf8JsonReader r, RecordFields f)
    {
        if (r.TokenType == JsonTokenType.Null)
            return;
        ExpectObject(ref r, "responseStatus");
        string? message = null, reason = null;
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("code"u8))
                f.StatusCode = Int(ref r, "responseStatus.code");
            else if (name.SequenceEqual("message"u8))
                message = Text(ref r, "responseStatus.message", intern: false);
            else if (name.SequenceEqual("reason"u8))
                reason = Text(ref r, "responseStatus.reason", intern: true);
            else if (name.SequenceEqual("status"u8))
                f.StatusFailure = Text(ref r, "responseStatus.status", intern: true) == "Failure";
            else
                r.Skip();
        }
        f.StatusMessage = string.IsNullOrEmpty(message) ? NullIfEmpty(reason) : message;
    }

    private static int? Int(ref Utf8JsonReader r, string field) =>
        r.TokenType == JsonTokenType.Null ? null
        : r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var value) ? value
        : throw new RecordException($"{field}: expected an integer");

    private void Operation(ref Utf8JsonReader r, RecordFields f)
    {
        if (r.TokenType == JsonTokenType.Null)
            return;
        ExpectObject(ref r, "operation");
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("id"u8))
                f.OperationId = Text(ref r, "operation.id", intern: false);
            else if (name.SequenceEqual("last"u8) && r.TokenType is JsonTokenType.True or JsonTokenType.False)
                f.OperationLast = r.TokenType == JsonTokenType.True;
            else
                r.Skip();
        }
    }

    /// <summary>The GKE AuditLog payload: method, resource, caller, status and bodies.</summary>
    private void ProtoPayload(ref Utf8JsonReader r, ReadOnlySpan<byte> json, RecordFields f)
    {
        ExpectObject(ref r, "protoPayload");
        f.HasProtoPayload = true;
        while (NextProperty(ref r, out var name))
        {
            switch (name.Length)
            {
                case 6 when name.SequenceEqual("status"u8): GrpcStatus(ref r, f); break;
                case 7 when name.SequenceEqual("request"u8): f.RequestObject = Body(ref r, json); break;
                case 8 when name.SequenceEqual("response"u8): f.ResponseObject = Body(ref r, json); break;
                case 10 when name.SequenceEqual("methodName"u8): f.MethodName = Text(ref r, "protoPayload.methodName", intern: true); break;
                case 11 when name.SequenceEqual("serviceName"u8): f.ServiceName = Text(ref r, "protoPayload.serviceName", intern: true); break;
                case 12 when name.SequenceEqual("resourceName"u8): f.ResourceName = Text(ref r, "protoPayload.resourceName", intern: false); break;
                case 15 when name.SequenceEqual("requestMetadata"u8): RequestMetadata(ref r, f); break;
                case 18 when name.SequenceEqual("authenticationInfo"u8): AuthenticationInfo(ref r, f); break;
                default: r.Skip(); break;
            }
        }
    }

    private void AuthenticationInfo(ref Utf8JsonReader r, RecordFields f)
    {
        ExpectObject(ref r, "protoPayload.authenticationInfo");
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("principalEmail"u8))
                f.User = PrincipalUser(ref r);
            else
                r.Skip();
        }
    }

    /// <summary>A GKE principal as a user without groups (GKE does not record them), shared like other users.</summary>
    private AuditUser? PrincipalUser(ref Utf8JsonReader r)
    {
        const string field = "protoPayload.authenticationInfo.principalEmail";
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped)
            return Text(ref r, field, intern: false) is { } email ? new AuditUser(email) : null;
        if (_principals.TryGet(r.ValueSpan, out var slot, out var user))
            return user;
        user = new AuditUser(Encoding.UTF8.GetString(r.ValueSpan));
        _principals.Set(slot, r.ValueSpan, user);
        return user;
    }

    private void RequestMetadata(ref Utf8JsonReader r, RecordFields f)
    {
        ExpectObject(ref r, "protoPayload.requestMetadata");
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("callerIp"u8))
                f.SourceIps = Text(ref r, "protoPayload.requestMetadata.callerIp", intern: true) is { } ip ? [ip] : null;
            else if (name.SequenceEqual("callerSuppliedUserAgent"u8))
                f.UserAgent = Text(ref r, "protoPayload.requestMetadata.callerSuppliedUserAgent", intern: true);
            else
                r.Skip();
        }
    }

    private void GrpcStatus(ref Utf8JsonReader r, RecordFields f)
    {
        if (r.TokenType == JsonTokenType.Null)
            return;
        ExpectObject(ref r, "protoPayload.status");
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("code"u8))
                f.GrpcCode = Int(ref r, "protoPayload.status.code");
            else if (name.SequenceEqual("message"u8))
                f.StatusMessage = NullIfEmpty(Text(ref r, "protoPayload.status.message", intern: false));
            else
                r.Skip();
        }
    }

    /// <summary>The AKS record's properties: <c>log</c> holds the Event.</summary>
    private static void Properties(ref Utf8JsonReader r, ReadOnlySpan<byte> json, RecordFields f)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            r.Skip();
            return;
        }
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("log"u8))
                Embedded(ref r, json, f, "properties.log");
            else
                r.Skip();
        }
    }

    /// <summary>An Event carried inside a record, as a JSON string (unescaped into a pooled array) or as an object.</summary>
    private static void Embedded(ref Utf8JsonReader r, ReadOnlySpan<byte> json, RecordFields f, string field)
    {
        if (r.TokenType == JsonTokenType.StartObject)
        {
            f.EmbeddedStart = (int)r.TokenStartIndex;
            r.Skip();
            f.EmbeddedLength = (int)r.BytesConsumed - f.EmbeddedStart;
        }
        else if (r.TokenType == JsonTokenType.String)
        {
            f.ReturnEmbedded();
            f.Embedded = ArrayPool<byte>.Shared.Rent(Math.Max(r.ValueSpan.Length, 1));
            f.EmbeddedStart = 0;
            try
            {
                f.EmbeddedLength = r.CopyString(f.Embedded);
            }
            catch (InvalidOperationException)
            {
                throw new RecordException($"{field}: invalid UTF-8");
            }
        }
        else
        {
            r.Skip();
            return;
        }
        f.EmbeddedField = field;
    }
}
