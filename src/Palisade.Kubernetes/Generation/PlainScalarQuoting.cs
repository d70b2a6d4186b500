using System.Text;
using Palisade.Kubernetes.Manifests;

namespace Palisade.Kubernetes.Generation;

/// <summary>
/// Quotes the plain scalars of a serialised line that kubectl (go-yaml v2, YAML 1.1) would read as numbers or booleans
/// where a string is meant: the client's serialiser quotes <c>true</c> and <c>12</c> but writes <c>0x1F</c>, <c>0o17</c>
/// and <c>1_000</c> plain, and the API server then refuses a label value or namespace that became a number.
/// </summary>
internal static class PlainScalarQuoting
{
    /// <summary>The line with its key and value quoted where they would not read back as strings.</summary>
    public static string Line(string line)
    {
        var start = line.Length - line.TrimStart(' ').Length;
        if (line.AsSpan(start).StartsWith("- "))
            start += 2;
        var colon = line.IndexOf(": ", start, StringComparison.Ordinal);
        var keyEnd = colon >= 0 ? colon : line.EndsWith(':') ? line.Length - 1 : -1;
        if (keyEnd <= start)
            return line;
        var key = line[start..keyEnd];
        var value = colon >= 0 ? line[(colon + 2)..] : null;
        var quotedKey = NotString(key) ? Quoted(key) : key;
        var quotedValue = value is null ? null : NumberField(key) ? (QuotedNumbers.IsDigits(value) || !NotString(value) ? value : Quoted(value)) : NotString(value) ? Quoted(value) : value;
        if (ReferenceEquals(quotedKey, key) && ReferenceEquals(quotedValue, value))
            return line;
        return line[..start] + quotedKey + ":" + (quotedValue is null ? "" : " " + quotedValue);
    }

    /// <summary>Fields that hold a number (port may instead hold a name, which must then stay a string).</summary>
    private static bool NumberField(string key) => key is "port" or "endPort";

    private static bool NotString(string scalar) =>
        scalar.Length > 0 && scalar[0] is not ('"' or '\'' or '{' or '[') && UnquotedScalars.TypeOf(Encoding.UTF8.GetBytes(scalar)) is not null;

    private static string Quoted(string scalar) => "\"" + scalar + "\"";
}
