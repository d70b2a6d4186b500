using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Refuses a quoted number where the API server would: JSON decoding there sees a string, so an integer field
/// refuses it outright and an integer-or-string field reads a name, which must hold a letter. YamlDotNet alone would
/// convert the text and analyse a manifest that <c>kubectl apply</c> does not accept.
/// </summary>
internal sealed class QuotedNumbers : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (reader.Current is not Scalar { Style: not ScalarStyle.Plain } scalar)
            return false;
        var type = Nullable.GetUnderlyingType(expectedType) ?? expectedType;
        // Only a quoted number is worth the advice to drop the quotes: without them "http" or "" is no number either.
        if (IsInteger(type))
            throw new YamlException(scalar.Start, scalar.End, IsDigits(scalar.Value)
                ? $"\"{scalar.Value}\" is quoted, so a string, and this field takes a number (the API server refuses it): write {scalar.Value} without quotes"
                : "expected an integer");
        if (type == typeof(IntOrString) && IsDigits(scalar.Value))
            throw new YamlException(scalar.Start, scalar.End, $"\"{scalar.Value}\" is quoted, so a name, and a name needs a letter (the API server refuses it): write {scalar.Value} without quotes for the number");
        return false;
    }

    public static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort);

    /// <summary>Whether the text is a number as the API server would read it unquoted (an optional sign, then digits).</summary>
    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        var digits = text is ['-' or '+', .. var rest] ? rest : text;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
