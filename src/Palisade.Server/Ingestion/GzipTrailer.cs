using System.Buffers.Binary;

namespace Palisade.Server.Ingestion;

/// <summary>
/// Whether a gzip body ends with its last member's trailer (RFC 1952: CRC-32 and size of that member's data). .NET's
/// GZipStream ends quietly when the input runs out inside a member, so a body cut short (a proxy's limit, a client that
/// died) would otherwise pass for the records it happened to hold.
/// </summary>
public static class GzipTrailer
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>
    /// True when the trailer matches the end of <paramref name="inflated"/>: its size is the whole (one member, the usual
    /// case, checked without hashing) or a suffix whose CRC-32 it holds (members one after another, <c>cat a.gz b.gz</c>).
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> inflated)
    {
        if (raw.Length < 18)
            return false;
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(raw[^8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(raw[^4..]);
        if (size == (uint)inflated.Length)
            return true;
        return size < inflated.Length && Crc32(inflated[^(int)size..]) == crc;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
