using Palisade.Model;

namespace Palisade.Audit.Events;

/// <summary>Where a record starts: file, 1-based line and column.</summary>
internal readonly record struct RecordPosition(string File, int Line, int Column)
{
    /// <summary>The record's file and line, as events carry it.</summary>
    public SourceLocation Location => new(File, Line);

    /// <summary>A position inside the record, given 0-based as <see cref="System.Text.Json.JsonException"/> does.</summary>
    public SourceLocation Offset(long? line, long? byteInLine)
    {
        if (line is not { } l || byteInLine is not { } b)
            return new SourceLocation(File, Line, Column);
        return l == 0
            ? new SourceLocation(File, Line, (int)Math.Min(Column + b, int.MaxValue))
            : new SourceLocation(File, (int)Math.Min(Line + l, int.MaxValue), (int)Math.Min(b + 1, int.MaxValue));
    }
}
