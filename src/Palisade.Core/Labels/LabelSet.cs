namespace Palisade.Labels;

/// <summary>An immutable set of Kubernetes labels (key → value).</summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    /// <summary>The set without labels.</summary>
    public static readonly LabelSet Empty = new(new Dictionary<string, string>(StringComparer.Ordinal));

    // Never changed after construction; a plain dictionary, as sets are small and made by the hundred thousand.
    private readonly Dictionary<string, string> _labels;

    private LabelSet(Dictionary<string, string> labels) => _labels = labels;

    /// <summary>Creates a label set; null gives the empty set.</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        if (labels is null)
            return Empty;
        var copy = new Dictionary<string, string>(labels is ICollection<KeyValuePair<string, string>> c ? c.Count : 0, StringComparer.Ordinal);
        foreach (var (key, value) in labels)
            copy.Add(key, value);
        return copy.Count == 0 ? Empty : new LabelSet(copy);
    }

    /// <summary>Number of labels.</summary>
    public int Count => _labels.Count;

    /// <summary>The labels, in no particular order.</summary>
    public IReadOnlyDictionary<string, string> Items => _labels;

    /// <summary>Looks a label up by key.</summary>
    public bool TryGetValue(string key, out string value)
    {
        if (_labels.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }
        value = "";
        return false;
    }

    /// <summary>Whether the key is present.</summary>
    public bool ContainsKey(string key) => _labels.ContainsKey(key);

    /// <summary>A copy with one label added or replaced.</summary>
    public LabelSet With(string key, string value)
    {
        var copy = new Dictionary<string, string>(_labels, StringComparer.Ordinal) { [key] = value };
        return From(copy);
    }

    /// <inheritdoc />
    public bool Equals(LabelSet? other)
    {
        if (other is null || other.Count != Count)
            return false;
        foreach (var (key, value) in _labels)
        {
            if (!other._labels.TryGetValue(key, out var v) || v != value)
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (key, value) in _labels)
            hash ^= HashCode.Combine(key, value);
        return hash;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (_labels.Count == 0)
            return "";
        var keys = new string[_labels.Count];
        _labels.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var key in keys)
            text.Append(text.Length == 0 ? "" : ",").Append(key).Append('=').Append(_labels[key]);
        return text.ToString();
    }
}
