using System.Text.Json;
using Palisade.Input;

namespace Palisade.Flows.Formats;

/// <summary>A draft that a JSON flow parser fills member by member, then builds into a record.</summary>
internal interface IFlowDraft
{
    /// <summary>The record, or null when what was read does not make one (reported to <paramref name="diagnostics"/>).</summary>
    FlowRecord? Build(SourceLocation location, ReadDiagnostics diagnostics);
}

/// <summary>Reads the members of an entry's top-level object (the reader is on its start) into the draft, with the parser's state.</summary>
internal delegate void ReadMembers<TState, TDraft>(TState state, ref Utf8JsonReader reader, ref TDraft draft, ReadOnlySpan<byte> json);

/// <summary>
/// One JSON entry parsed into a flow record, as every JSON format does it: an entry that is not an object, or that
/// is not valid JSON, is reported at its location and yields nothing. Stateless.
/// </summary>
internal static class JsonFlowObject
{
    /// <summary>The record the entry makes, or null when it was reported as malformed or skipped.</summary>
    public static FlowRecord? Parse<TState, TDraft>(ReadOnlySpan<byte> json, SourceLocation location, ReadDiagnostics diagnostics, TState state,
        ReadMembers<TState, TDraft> read)
        where TDraft : struct, IFlowDraft
    {
        var draft = new TDraft();
        try
        {
            var reader = new Utf8JsonReader(json, JsonValues.Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                diagnostics.Report(location, "not a JSON object");
                return null;
            }
            read(state, ref reader, ref draft, json);
            reader.Read();
        }
        catch (JsonException e)
        {
            diagnostics.Report(location, JsonValues.Problem(e));
            return null;
        }
        catch (InvalidOperationException)
        {
            diagnostics.Report(location, "invalid JSON text (bad escape or encoding)");
            return null;
        }
        return draft.Build(location, diagnostics);
    }
}
