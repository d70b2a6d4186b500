using System.Text;
using Palisade.Server.Storage;

namespace Palisade.Server.Queue;

/// <summary>
/// The wire form of a batch of records in the queue: a version byte, the count, then per record its kind, format,
/// hash, time (Unix milliseconds) and body, length-prefixed. Versioned so that replicas of two releases can share a stream.
/// </summary>
public static class BatchCodec
{
    private const byte Version = 1;

    /// <summary>Encodes the batch.</summary>
    public static byte[] Encode(IReadOnlyList<IngestRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(records.Count);
            foreach (var record in records)
            {
                writer.Write((byte)record.Kind);
                writer.Write(record.Format);
                writer.Write((byte)record.Hash.Length);
                writer.Write(record.Hash);
                writer.Write(record.Time.ToUnixTimeMilliseconds());
                writer.Write(record.Body.Length);
                writer.Write(record.Body);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a batch; <see cref="InvalidDataException"/> when the bytes are not one.</summary>
    public static List<IngestRecord> Decode(ReadOnlyMemory<byte> data)
    {
        using var reader = new BinaryReader(new MemoryStream(data.ToArray()), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != Version)
                throw new InvalidDataException("unknown batch version");
            var count = reader.ReadInt32();
            var records = new List<IngestRecord>(count);
            for (var i = 0; i < count; i++)
            {
                var kind = (RecordKind)reader.ReadByte();
                var format = reader.ReadString();
                var hash = reader.ReadBytes(reader.ReadByte());
                var time = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
                var body = reader.ReadBytes(reader.ReadInt32());
                records.Add(new IngestRecord(kind, format, hash, time, body));
            }
            return records;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("truncated batch", e);
        }
    }
}
