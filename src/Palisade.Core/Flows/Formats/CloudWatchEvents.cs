using System.Text.Json;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Flows.Formats;

/// <summary>
/// The messages of CloudWatch Logs events in JSON, each an entry: <c>aws logs filter-log-events</c> and
/// <c>get-log-events</c> (<c>{"events": [{"timestamp", "message", …}]}</c>), the payloads a subscription filter
/// delivers (<c>{"messageType", "logEvents": [{"id", "timestamp", "message"}]}</c>, one after another), the events or
/// their messages alone in an array (<c>--query 'events[]'</c>, <c>--query 'events[].message'</c>) or one event object
/// after another (<c>jq '.events[]'</c>), and Logs Insights
/// results: <c>aws logs get-query-results</c> (<c>{"results": [[{"field": "@message", "value"}, …]]}</c>) and the
/// console's JSON download (<c>[{"@timestamp", "@message"}]</c>). The JSON is read as a stream, since one answer holds
/// every page; memory is one message at most. Not thread-safe.
/// </summary>
internal sealed class CloudWatchEvents(InputSource source, ReadDiagnostics diagnostics, int maxMessageBytes) : IEntrySource
{
    private readonly Stream _stream = source.Content;
    private byte[] _buffer = new byte[Math.Min(64 * 1024, maxMessageBytes)];
    private byte[] _message = new byte[1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _failed;
    private bool _atStart = true;
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
    private long _line = 1;
    private long _messageLine = 1;

    // Where the reader is within the JSON, across refills: the depth of the events array being read (-1 outside one), and
    // whether the next token is the array an events key names, or the message of an event. In Logs Insights results (an
    // array of rows, each a list of fields), whether the array is one, and, for the field being read, whether it is
    // @message and the length of its value copied so far (-1 before it).
    private int _eventsDepth = -1;
    private bool _eventsNext;
    private bool _messageNext;
    private bool _insights;
    private bool _insightsNext;
    private bool _fieldNext;
    private bool _valueNext;
    private bool _fieldIsMessage;
    private int _valueLength = -1;

    /// <summary>Where the message last returned is.</summary>
    public SourceLocation Location => new(source.Name, (int)Math.Min(_messageLine, int.MaxValue));

    /// <summary>The next event's message; false at the end of the input.</summary>
    public bool Next(out ReadOnlySpan<byte> entry)
    {
        entry = default;
        while (!_failed)
        {
            if (Scan() is { } length)
            {
                entry = _message.AsSpan(0, length);
                return true;
            }
            if (_eof || !Refill())
                return false;
        }
        return false;
    }

    /// <summary>The length of the next message found in the buffer, or null when the buffer needs more input.</summary>
    private int? Scan()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        int? found = null;
        try
        {
            while (found is null && reader.Read())
                found = Token(ref reader);
        }
        catch (JsonException e)
        {
            _failed = true;
            diagnostics.Report(new SourceLocation(source.Name, (int)Math.Min(_line + e.LineNumber ?? 0, int.MaxValue)), $"malformed JSON: {e.Message}");
            return null;
        }
        Consume((int)reader.BytesConsumed);
        _state = reader.CurrentState;
        return found;
    }

    private int? Token(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        if (_insights && depth >= _eventsDepth + 2)
            return Field(ref reader, depth);
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                _eventsNext = _eventsDepth < 0 && (reader.ValueTextEquals("events"u8) || reader.ValueTextEquals("logEvents"u8));
                _insightsNext = _eventsDepth < 0 && depth == 1 && reader.ValueTextEquals("results"u8);
                // An event is an element of the events array, or an object of its own (jq's '.events[]', one per line).
                _messageNext = (_eventsDepth >= 0 ? depth == _eventsDepth + 2 : depth == 1)
                    && (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("@message"u8));
                return null;
            case JsonTokenType.StartArray when _eventsNext || _insightsNext || depth == 0:
                // A top-level array holds the events, or their messages, themselves.
                (_eventsDepth, _insights) = (depth, _insightsNext);
                (_eventsNext, _insightsNext) = (false, false);
                return null;
            case JsonTokenType.EndArray when depth == _eventsDepth:
                (_eventsDepth, _insights) = (-1, false);
                return null;
            case JsonTokenType.String when _messageNext || (_eventsDepth >= 0 && depth == _eventsDepth + 1):
                _messageNext = false;
                return Message(ref reader);
            default:
                (_eventsNext, _insightsNext, _messageNext) = (false, false, false);
                return null;
        }
    }

    /// <summary>A token within a row of Logs Insights results: the row's @message once its field object ends.</summary>
    private int? Field(ref Utf8JsonReader reader, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when depth == _eventsDepth + 2:
                (_fieldIsMessage, _valueLength) = (false, -1);
                return null;
            case JsonTokenType.PropertyName when depth == _eventsDepth + 3:
                _fieldNext = reader.ValueTextEquals("field"u8);
                _valueNext = reader.ValueTextEquals("value"u8);
                return null;
            case JsonTokenType.String when _fieldNext:
                _fieldNext = false;
                _fieldIsMessage = reader.ValueTextEquals("@message"u8);
                return null;
            case JsonTokenType.String when _valueNext:
                _valueNext = false;
                _messageLine = _line + CountLines((int)reader.TokenStartIndex);
                _valueLength = Copy(ref reader);
                return null;
            case JsonTokenType.EndObject when depth == _eventsDepth + 2 && _fieldIsMessage && _valueLength >= 0:
                _fieldIsMessage = false;
                return Accept(_valueLength);
            default:
                (_fieldNext, _valueNext) = (false, false);
                return null;
        }
    }

    private int? Message(ref Utf8JsonReader reader)
    {
        _messageLine = _line + CountLines((int)reader.TokenStartIndex);
        return Accept(Copy(ref reader));
    }

    /// <summary>The message copied, unless it is a subscription's control message.</summary>
    private int? Accept(int length)
    {
        if (!_message.AsSpan(0, length).StartsWith("CWL CONTROL MESSAGE"u8))
            return length;
        // A subscription's first delivery checks its destination with such a message: no event of the log.
        diagnostics.Skip();
        return null;
    }

    private int Copy(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (_message.Length < length)
            _message = new byte[Math.Max(length, 2 * _message.Length)];
        return reader.CopyString(_message);
    }

    private long CountLines(int count) => _buffer.AsSpan(_start, count).Count((byte)'\n');

    private void Consume(int count)
    {
        _line += CountLines(count);
        _start += count;
    }

    /// <summary>Reads more input after what is left in the buffer; false when a single token outgrows the limit.</summary>
    private bool Refill()
    {
        var left = _end - _start;
        if (left == _buffer.Length)
        {
            if (_buffer.Length >= maxMessageBytes)
            {
                _failed = true;
                diagnostics.Report(new SourceLocation(source.Name, (int)Math.Min(_line, int.MaxValue)), $"a JSON value longer than {maxMessageBytes / (1 << 20)} MiB");
                return false;
            }
            Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, maxMessageBytes));
        }
        _buffer.AsSpan(_start, left).CopyTo(_buffer);
        (_start, _end) = (0, left);
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
        if (_atStart && (_end - _start >= 3 || _eof))
        {
            // JSON readers refuse a byte order mark, which editors and PowerShell's redirection write.
            _atStart = false;
            if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                _start += 3;
        }
        return true;
    }
}
