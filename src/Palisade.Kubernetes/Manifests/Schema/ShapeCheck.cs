using System.Globalization;
using System.Text;
using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests.Schema;

/// <summary>
/// Whether the general reader would deserialise an object's tokens into its client model without complaint:
/// collections where the model has collections, scalars YamlDotNet converts the same way the fast readers do
/// (decimal integers without leading zeros, <c>true</c>/<c>false</c>, UTC timestamps, valid quantities), null
/// only where the model takes it. Anything else raises <see cref="UnsupportedInputException"/>.
/// </summary>
internal static class ShapeCheck
{
    /// <summary>Checks the node at <paramref name="index"/> against the shape.</summary>
    public static void Check(TokenBuffer tokens, int index, ModelShape shape)
    {
        ref var token = ref tokens[index];
        if (tokens.IsNull(index))
        {
            if (!shape.AcceptsNull)
                throw new UnsupportedInputException("null for a scalar field");
            return;
        }
        switch (shape.Kind)
        {
            case ShapeKind.Any:
                return;
            case ShapeKind.Object:
                Require(token.Kind == TokenKind.MappingStart);
                foreach (var (key, value) in TokenTree.Entries(tokens, index))
                {
                    Require(tokens[key].Kind == TokenKind.Scalar);
                    if (Property(tokens, key, shape) is { } property)
                        Check(tokens, value, property);
                }
                return;
            case ShapeKind.Map:
                Require(token.Kind == TokenKind.MappingStart);
                foreach (var (key, value) in TokenTree.Entries(tokens, index))
                {
                    Require(tokens[key].Kind == TokenKind.Scalar && !tokens.IsNull(key));
                    Check(tokens, value, shape.Element!);
                }
                return;
            case ShapeKind.List:
                Require(token.Kind == TokenKind.SequenceStart);
                foreach (var item in TokenTree.Items(tokens, index))
                    Check(tokens, item, shape.Element!);
                return;
        }
        Require(token.Kind == TokenKind.Scalar);
        // A quoted number is a string to the API server; the general reader says where it refuses one.
        if (token.Style != YamlDotNet.Core.ScalarStyle.Plain && (shape.Kind is ShapeKind.Int or ShapeKind.Long || shape.Kind == ShapeKind.IntOrString && QuotedNumbers.IsDigits(tokens.Value(index))))
            throw new UnsupportedInputException("a quoted number");
        switch (shape.Kind)
        {
            case ShapeKind.String:
                // The general reader names the number or boolean the API server would refuse here.
                if (token.Style == YamlDotNet.Core.ScalarStyle.Plain && tokens.RawValue(index) is [var first, ..] raw && UnquotedScalars.MayNotBeString(first) && UnquotedScalars.TypeOf(raw) is not null)
                    throw new UnsupportedInputException("a number or boolean for a string");
                break;
            case ShapeKind.IntOrString:
                // The general reader refuses a plain fraction, exponent or boolean where a port goes.
                if (token.Style == YamlDotNet.Core.ScalarStyle.Plain && tokens.RawValue(index) is [var lead, ..] text && UnquotedScalars.MayNotBeString(lead)
                    && Integer(text, int.MinValue, int.MaxValue) is null && UnquotedScalars.TypeOf(text) is not null)
                    throw new UnsupportedInputException("a number or boolean that is not a whole number for a port");
                break;
            case ShapeKind.Int:
                Require(Integer(tokens.RawValue(index), int.MinValue, int.MaxValue) is not null);
                break;
            case ShapeKind.Long:
                Require(Integer(tokens.RawValue(index), long.MinValue, long.MaxValue) is not null);
                break;
            case ShapeKind.Double:
                Require(Decimal(tokens.RawValue(index)));
                break;
            case ShapeKind.Bool:
                Require(tokens.ValueIs(index, "true"u8) || tokens.ValueIs(index, "false"u8));
                break;
            case ShapeKind.DateTime:
                Require(Timestamp(tokens.RawValue(index)) is not null);
                break;
            case ShapeKind.Quantity:
                try
                {
                    _ = new ResourceQuantity(tokens.Value(index));
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                {
                    throw new UnsupportedInputException("an invalid quantity");
                }
                break;
            case ShapeKind.Unsupported:
                throw new UnsupportedInputException("a field the fast reader does not read");
        }
    }

    /// <summary>The shape of the property named by the key token, or null for an unknown name.</summary>
    public static ModelShape? Property(TokenBuffer tokens, int key, ModelShape shape)
    {
        var name = tokens.RawValue(key);
        if (name.Length > 128)
            return null;
        Span<char> chars = stackalloc char[name.Length];
        return Ascii.ToUtf16(name, chars, out var written) == System.Buffers.OperationStatus.Done ? shape.Property(chars[..written]) : null;
    }

    private static void Require(bool condition)
    {
        if (!condition)
            throw new UnsupportedInputException("a value of another type than the model's");
    }

    /// <summary>A decimal integer without leading zeros in the range, as YamlDotNet reads it; null for any other text.</summary>
    public static long? Integer(ReadOnlySpan<byte> text, long min, long max)
    {
        var digits = text.Length > 0 && text[0] == (byte)'-' ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > 19 || digits[0] == (byte)'0' && digits.Length > 1)
            return null;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
                return null;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
    }

    private static bool Decimal(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        return dot < 0 ? Integer(text, long.MinValue, long.MaxValue) is not null
            : dot > 0 && dot < text.Length - 1 && Integer(text[..dot], long.MinValue, long.MaxValue) is not null && text[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    /// <summary>A timestamp written <c>yyyy-MM-ddTHH:mm:ssZ</c> (as the API server writes them), in UTC; null for any other text.</summary>
    public static DateTime? Timestamp(ReadOnlySpan<byte> text)
    {
        if (text.Length != 20 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':' || text[19] != (byte)'Z')
            return null;
        var (year, month, day, hour, minute, second) = (Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0)
            return null;
        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
    }

    /// <summary>The number written with exactly these digits, or -1.</summary>
    private static int Digits(ReadOnlySpan<byte> text, int start, int length)
    {
        var value = 0;
        foreach (var b in text.Slice(start, length))
        {
            if (b is < (byte)'0' or > (byte)'9')
                return -1;
            value = value * 10 + b - '0';
        }
        return value;
    }
}
