using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Finds an unquoted number or boolean where the model takes a string (labels, annotations, selectors, names):
/// kubectl converts YAML to JSON by YAML 1.1's rules, so <c>5</c>, <c>1.0</c>, <c>true</c> or <c>yes</c> reach the
/// API server as a number or a boolean and it refuses the object. YamlDotNet alone would keep the text silently.
/// Within <see cref="Collecting{T}"/> such a value is read as its text and listed (the reader warns); elsewhere it
/// is refused, which hands the object to a reader that collects. Timestamps stay strings, as kubectl's conversion
/// keeps them; null stays the empty string. Thread safety: the list collected into is the calling thread's own.
/// </summary>
internal sealed class UnquotedScalars : INodeDeserializer
{
    [ThreadStatic]
    private static List<(Mark At, string Problem)>? t_collected;

    /// <summary>Runs <paramref name="read"/> with unquoted numbers and booleans in string fields read as their text and added to <paramref name="into"/>.</summary>
    public static T Collecting<T>(List<(Mark At, string Problem)> into, Func<T> read)
    {
        var outer = t_collected;
        t_collected = into;
        try
        {
            return read();
        }
        finally
        {
            t_collected = outer;
        }
    }

    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (MapValueType(expectedType) is { } valueType)
            return Map(reader, valueType, nestedObjectDeserializer, out value);
        if (expectedType == typeof(IntOrString))
            return IntOrStringValue(reader);
        if (expectedType != typeof(string) || reader.Current is not Scalar { Style: ScalarStyle.Plain } scalar || scalar.Value.Length == 0 || !MayNotBeString((byte)scalar.Value[0]))
            return false;
        if (TypeOf(Encoding.UTF8.GetBytes(scalar.Value)) is not { } type)
            return false;
        var problem = $"{scalar.Value} is {type}, and this field takes a string (the API server refuses it): write \"{scalar.Value}\" in quotes";
        if (t_collected is null)
            throw new YamlException(scalar.Start, scalar.End, problem);
        t_collected.Add((scalar.Start, problem + "; read as that text"));
        return false;
    }

    /// <summary>
    /// Refuses an unquoted port or target port kubectl reads as a fraction, an exponent or a boolean (<c>1e5</c>,
    /// <c>true</c>): the API server takes only a whole number or a string there. Whole numbers and names go on.
    /// </summary>
    private static bool IntOrStringValue(IParser reader)
    {
        if (reader.Current is Scalar { Style: ScalarStyle.Plain } scalar && scalar.Value.Length > 0 && MayNotBeString((byte)scalar.Value[0])
            && !QuotedNumbers.IsDigits(scalar.Value) && TypeOf(Encoding.UTF8.GetBytes(scalar.Value)) is { } type)
            throw new YamlException(scalar.Start, scalar.End, $"{scalar.Value} is {type}, not a whole number: a port is a number (80) or a name in quotes (\"http\")");
        return false;
    }

    /// <summary>The value type of a map keyed by strings (labels, annotations, selectors, Istio's port maps), or null.</summary>
    private static Type? MapValueType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IDictionary<,>) || type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    /// <summary>
    /// Reads a map whose keys are taken as written: kubectl's conversion turns a number or boolean key into its text
    /// (<c>8080:</c>), so only the values must have their field's type.
    /// </summary>
    private static bool Map(IParser reader, Type valueType, Func<IParser, Type, object?> nested, out object? value)
    {
        value = null;
        if (!reader.TryConsume<MappingStart>(out _))
            return false;
        var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        while (!reader.TryConsume<MappingEnd>(out _))
        {
            var key = reader.Current is Scalar ? reader.Consume<Scalar>().Value : (string)nested(reader, typeof(string))!;
            map[key] = nested(reader, valueType);
        }
        value = map;
        return true;
    }

    /// <summary>Whether a plain scalar starting with this byte can be anything but a string; false lets most text through unexamined.</summary>
    public static bool MayNotBeString(byte first) => first is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.'
        or (byte)'y' or (byte)'Y' or (byte)'n' or (byte)'N' or (byte)'t' or (byte)'T' or (byte)'f' or (byte)'F' or (byte)'o' or (byte)'O';

    /// <summary>"a number" or "a boolean" when YAML 1.1 (as kubectl reads it) resolves the plain scalar so; null for a string.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> text) =>
        IsBoolean(text) ? "a boolean" : IsNumber(text) ? "a number" : null;

    private static bool IsBoolean(ReadOnlySpan<byte> text) => text.Length <= 5 && (
        text.SequenceEqual("y"u8) || text.SequenceEqual("Y"u8) || text.SequenceEqual("yes"u8) || text.SequenceEqual("Yes"u8) || text.SequenceEqual("YES"u8)
        || text.SequenceEqual("n"u8) || text.SequenceEqual("N"u8) || text.SequenceEqual("no"u8) || text.SequenceEqual("No"u8) || text.SequenceEqual("NO"u8)
        || text.SequenceEqual("true"u8) || text.SequenceEqual("True"u8) || text.SequenceEqual("TRUE"u8)
        || text.SequenceEqual("false"u8) || text.SequenceEqual("False"u8) || text.SequenceEqual("FALSE"u8)
        || text.SequenceEqual("on"u8) || text.SequenceEqual("On"u8) || text.SequenceEqual("ON"u8)
        || text.SequenceEqual("off"u8) || text.SequenceEqual("Off"u8) || text.SequenceEqual("OFF"u8));

    private static bool IsNumber(ReadOnlySpan<byte> text)
    {
        var unsigned = text is [(byte)'+' or (byte)'-', ..] ? text[1..] : text;
        return IsSpecialFloat(unsigned) || IsPrefixedInteger(unsigned) || IsDecimal(unsigned);
    }

    private static bool IsSpecialFloat(ReadOnlySpan<byte> text) =>
        text.SequenceEqual(".inf"u8) || text.SequenceEqual(".Inf"u8) || text.SequenceEqual(".INF"u8)
        || text.SequenceEqual(".nan"u8) || text.SequenceEqual(".NaN"u8) || text.SequenceEqual(".NAN"u8);

    /// <summary>0x, 0o or 0b followed by digits of that base (underscores allowed), as Go's integer parsing takes them.</summary>
    private static bool IsPrefixedInteger(ReadOnlySpan<byte> text)
    {
        if (text.Length < 3 || text[0] != (byte)'0')
            return false;
        var digits = text[2..];
        return (text[1] | 0x20) switch
        {
            (byte)'x' => AllOf(digits, static b => char.IsAsciiHexDigit((char)b)),
            (byte)'o' => AllOf(digits, static b => b is >= (byte)'0' and <= (byte)'7'),
            (byte)'b' => AllOf(digits, static b => b is (byte)'0' or (byte)'1'),
            _ => false,
        };
    }

    private static bool AllOf(ReadOnlySpan<byte> digits, Func<byte, bool> isDigit)
    {
        var any = false;
        foreach (var b in digits)
        {
            if (b == (byte)'_')
                continue;
            if (!isDigit(b))
                return false;
            any = true;
        }
        return any;
    }

    /// <summary>Digits with an optional fraction and exponent (<c>5</c>, <c>08</c>, <c>1.0</c>, <c>.5</c>, <c>1e3</c>, <c>1_000</c>).</summary>
    private static bool IsDecimal(ReadOnlySpan<byte> text)
    {
        var i = 0;
        var mantissa = Digits(text, ref i);
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            mantissa += Digits(text, ref i);
        }
        if (mantissa == 0)
            return false;
        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
                i++;
            if (Digits(text, ref i) == 0)
                return false;
        }
        return i == text.Length;
    }

    private static int Digits(ReadOnlySpan<byte> text, ref int i)
    {
        var count = 0;
        for (; i < text.Length && (text[i] is >= (byte)'0' and <= (byte)'9' or (byte)'_'); i++)
        {
            if (text[i] != (byte)'_')
                count++;
        }
        return count;
    }
}
