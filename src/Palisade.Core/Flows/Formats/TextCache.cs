using System.Net;
using System.Text;

namespace Palisade.Flows.Formats;

/// <summary>
/// The strings and addresses one read has decoded, so that repeated values (namespaces, pod names,
/// labels, the same few thousand addresses) are decoded and allocated once. Bounded; not thread-safe.
/// </summary>
internal sealed class TextCache
{
    private readonly ByteKeyCache<string> _strings = new(8192, 256);
    private readonly ByteKeyCache<IPAddress> _addresses = new(4096, 64);

    /// <summary>The string for UTF-8 <paramref name="utf8"/>, shared with earlier equal ones.</summary>
    public string String(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
            return "";
        if (_strings.TryGet(utf8, out var cached))
            return cached;
        var decoded = Encoding.UTF8.GetString(utf8);
        _strings.Set(utf8, decoded);
        return decoded;
    }

    /// <summary>The address written in <paramref name="utf8"/>, or null when it is not one.</summary>
    public IPAddress? Address(ReadOnlySpan<byte> utf8)
    {
        if (_addresses.TryGet(utf8, out var cached))
            return cached;
        var parsed = AddressParser.Parse(utf8);
        if (parsed is not null)
            _addresses.Set(utf8, parsed);
        return parsed;
    }
}
