using System.Text;

namespace Palisade.Flows.Formats;

/// <summary>The AWS VPC flow log fields the reader uses.</summary>
internal enum VpcColumn
{
    SourceAddress,
    DestinationAddress,
    SourcePort,
    DestinationPort,
    Protocol,
    Packets,
    Bytes,
    Start,
    End,
    Action,
    LogStatus,
    TcpFlags,
    PacketSourceAddress,
    PacketDestinationAddress,
    FlowDirection,
    RejectReason,
}

/// <summary>
/// Which field of an AWS VPC flow log line is where: the default version 2 format, or a custom format as
/// its header line names the fields (the names of the <c>${field}</c> variables, as S3 files carry them).
/// </summary>
internal sealed class VpcLayout
{
    /// <summary>The most fields a line may have (AWS has about fifty).</summary>
    public const int MaxFields = 128;

    private static readonly string[] UsedNames =
    [
        "srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action",
        "log-status", "tcp-flags", "pkt-srcaddr", "pkt-dstaddr", "flow-direction", "reject-reason",
    ];

    // Every field of versions 2 to 10 (docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html),
    // to tell a header from a data line; fields added later are accepted in a header, just not needed to find it.
    private static readonly HashSet<string> KnownNames =
    [
        .. UsedNames, "version", "account-id", "interface-id", "vpc-id", "subnet-id", "instance-id", "type", "region",
        "az-id", "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service", "traffic-path",
        "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
        "ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn", "ecs-task-arn",
        "ecs-task-id", "resource-id", "encryption-status",
    ];

    private readonly int[] _columns;

    private VpcLayout(int[] columns, int fieldCount, string description)
    {
        _columns = columns;
        FieldCount = fieldCount;
        Description = description;
    }

    /// <summary>The default format: <c>version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status</c>.</summary>
    public static VpcLayout Default { get; } = new(
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -1, -1, -1, -1, -1], 14, "the default version 2 format");

    /// <summary>How many fields a line has.</summary>
    public int FieldCount { get; }

    /// <summary>Where the layout comes from, for messages.</summary>
    public string Description { get; }

    /// <summary>The 0-based field index of <paramref name="column"/>, or -1 when the format lacks it.</summary>
    public int this[VpcColumn column] => _columns[(int)column];

    /// <summary>
    /// The layout a header line names, or null when <paramref name="line"/> is data: a header is made of
    /// field names only (lower-case words with hyphens, or <c>${name}</c>), at least one of them known.
    /// </summary>
    public static VpcLayout? FromHeader(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields, long lineNumber)
    {
        if (fields.IsEmpty || !IsFieldName(Name(line[fields[0]])))
            return null;
        var names = new string[fields.Length];
        var known = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var name = Name(line[fields[i]]);
            if (!IsFieldName(name))
                return null;
            names[i] = Encoding.ASCII.GetString(name);
            known |= KnownNames.Contains(names[i]);
        }
        if (!known)
            return null;
        var columns = new int[UsedNames.Length];
        for (var c = 0; c < UsedNames.Length; c++)
            columns[c] = Array.IndexOf(names, UsedNames[c]);
        return new VpcLayout(columns, fields.Length, $"the header at line {lineNumber}");
    }

    /// <summary>
    /// How many fields CloudWatch Logs put before a record of the default format (a flow log published there has no
    /// header): 1 for the event time of an export to S3 or of <c>aws logs tail --format short</c> (a time without its zone),
    /// 2 for the time and the log stream <c>aws logs tail</c> prints by default; 0 when the line is not such an event.
    /// </summary>
    public static int EventPrefix(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields)
    {
        var prefix = fields.Length - Default.FieldCount;
        if (prefix is not (1 or 2) || !TextScan.IsDigits(line[fields[prefix]]) || !IsEventTime(line[fields[0]]))
            return 0;
        return prefix == 1 || !TextScan.IsDigits(line[fields[1]]) ? prefix : 0;
    }

    private static bool IsEventTime(ReadOnlySpan<byte> text)
    {
        if (Rfc3339.TryParse(text, out _))
            return true;
        // aws logs tail --format short writes strftime("%Y-%m-%dT%H:%M:%S"), in UTC.
        if (text.Length != 19)
            return false;
        Span<byte> zoned = stackalloc byte[20];
        text.CopyTo(zoned);
        zoned[19] = (byte)'Z';
        return Rfc3339.TryParse(zoned, out _);
    }

    /// <summary>A field's name without the <c>${...}</c> of a format string.</summary>
    private static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> token) =>
        token.Length > 3 && token.StartsWith("${"u8) && token[^1] == (byte)'}' ? token[2..^1] : token;

    private static bool IsFieldName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && name[0] - (uint)'a' <= 'z' - 'a'
        && name.IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-"u8) < 0;

    /// <summary>Splits a line at runs of spaces and tabs; returns the field count (more than <paramref name="fields"/> holds when there are too many).</summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                i++;
            if (i == line.Length)
                return count;
            var length = line[i..].IndexOfAny((byte)' ', (byte)'\t');
            var end = length < 0 ? line.Length : i + length;
            if (count == fields.Length)
                return count + 1;
            fields[count++] = new Range(i, end);
            i = end;
        }
    }
}
