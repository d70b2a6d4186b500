namespace Palisade.Flows.Formats;

/// <summary>The fields of one VPC flow log line by column; an absent column and <c>-</c> both read as "not given".</summary>
internal readonly ref struct VpcFields(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields, VpcLayout layout)
{
    private readonly ReadOnlySpan<byte> _line = line;
    private readonly ReadOnlySpan<Range> _fields = fields;

    /// <summary>The text of <paramref name="column"/>; empty when the format lacks it.</summary>
    public ReadOnlySpan<byte> this[VpcColumn column] => layout[column] is var index and >= 0 ? _line[_fields[index]] : default;

    /// <summary>Whether <paramref name="column"/> has a value (present and not <c>-</c>).</summary>
    public bool Has(VpcColumn column) => this[column] is { IsEmpty: false } text && !text.SequenceEqual("-"u8);

    /// <summary>A number up to <paramref name="max"/>, null when not given; false when the text is not one.</summary>
    public bool TryNumber(VpcColumn column, long max, out long? value)
    {
        value = null;
        if (!Has(column))
            return true;
        if (!FieldText.TryParse(this[column], max, out var number))
            return false;
        value = number;
        return true;
    }

    /// <summary>A port, null when not given or 0 (ICMP and other portless protocols); false when the text is not one.</summary>
    public bool TryPort(VpcColumn column, out int? port)
    {
        var ok = TryNumber(column, 65535, out var value);
        port = value is null or 0 ? null : (int)value;
        return ok;
    }

    /// <summary>A time in Unix seconds, null when not given; false when the text is not one.</summary>
    public bool TryTime(VpcColumn column, out DateTimeOffset? time)
    {
        var ok = TryNumber(column, 253_402_300_799, out var seconds);
        time = seconds is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
        return ok;
    }
}
