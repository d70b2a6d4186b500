namespace Palisade.Server.Storage;

/// <summary>One schema version: its number, what it does, and its statements in each dialect.</summary>
public sealed record Migration(int Version, string Description, IReadOnlyList<string> Sqlite, IReadOnlyList<string> Postgres);
