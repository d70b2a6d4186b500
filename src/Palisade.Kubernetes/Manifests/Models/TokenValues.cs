using Palisade.Kubernetes.Manifests.Schema;
using Palisade.Kubernetes.Manifests.Tokens;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>
/// Values of an object's fields read from its tokens, as YamlDotNet would set them on the client model; the
/// object was checked against the model's shape first (<see cref="ShapeCheck"/>), so types need no checking.
/// Absent fields and YAML nulls read as null.
/// </summary>
internal static class TokenValues
{
    /// <summary>The node under the key of the mapping, or -1 when absent or null.</summary>
    public static int Node(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key)
    {
        var value = TokenTree.Find(tokens, mapping, key);
        return value >= 0 && !tokens.IsNull(value) ? value : -1;
    }

    public static string? String(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        Node(tokens, mapping, key) is var value and >= 0 ? tokens.Value(value) : null;

    public static int? Int(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        Node(tokens, mapping, key) is var value and >= 0 ? (int?)ShapeCheck.Integer(tokens.RawValue(value), int.MinValue, int.MaxValue) : null;

    public static bool? Bool(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        Node(tokens, mapping, key) is var value and >= 0 ? tokens.ValueIs(value, "true"u8) : null;

    public static DateTime? Timestamp(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        Node(tokens, mapping, key) is var value and >= 0 ? ShapeCheck.Timestamp(tokens.RawValue(value)) : null;

    public static k8s.Models.IntOrString? IntOrString(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        String(tokens, mapping, key) is { } text ? (k8s.Models.IntOrString)text : null;

    public static Dictionary<string, string>? Map(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key)
    {
        var node = Node(tokens, mapping, key);
        if (node < 0)
            return null;
        var result = new Dictionary<string, string>();
        foreach (var (k, v) in TokenTree.Entries(tokens, node))
            result[tokens.Value(k)] = tokens.Value(v);
        return result;
    }

    public static List<string>? Strings(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key) =>
        List(tokens, mapping, key, (t, item) => t.Value(item));

    public static List<T>? List<T>(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key, Func<TokenBuffer, int, T> item)
    {
        var node = Node(tokens, mapping, key);
        if (node < 0)
            return null;
        var result = new List<T>();
        foreach (var i in TokenTree.Items(tokens, node))
            result.Add(item(tokens, i));
        return result;
    }

    public static T? Object<T>(TokenBuffer tokens, int mapping, ReadOnlySpan<byte> key, Func<TokenBuffer, int, T> read) where T : class =>
        Node(tokens, mapping, key) is var node and >= 0 ? read(tokens, node) : null;
}
