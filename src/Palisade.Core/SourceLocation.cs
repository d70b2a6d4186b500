namespace Palisade;

/// <summary>Where an object was read from: a file and, when known, a 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    /// <summary>FILE:LINE:COL, omitting unknown parts.</summary>
    public override string ToString() =>
        Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
