namespace Palisade.Benchmarks.Dense;

/// <summary>An ordered mapping of a generated object; values are mappings, arrays, strings, numbers or null.</summary>
public sealed class Mapping : List<(string Key, object? Value)>
{
    /// <summary>An empty mapping.</summary>
    public Mapping()
    {
    }

    /// <summary>A mapping of the entries, in order.</summary>
    public Mapping(IEnumerable<(string Key, object? Value)> entries) : base(entries)
    {
    }

    /// <summary>Adds an entry (collection initialisers use it).</summary>
    public void Add(string key, object? value) => Add((key, value));
}
