namespace Palisade.Flows.Formats;

/// <summary>
/// Parses RFC 3339 timestamps from UTF-8 (<c>2021-06-16T16:52:13.136834446Z</c>, <c>...+02:00</c>) without
/// allocating. Fractions beyond the 100 ns tick are truncated (Hubble writes nanoseconds); a leap second
/// (<c>:60</c>) is read as :59. The offset is required, as the RFC says.
/// </summary>
internal static class Rfc3339
{
    /// <summary>The instant written in <paramref name="text"/>; false when it is not RFC 3339.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || !Digits(text, 0, 4, out var year) || text[4] != '-'
            || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || (text[10] | 0x20) != 't' && text[10] != ' '
            || !Digits(text, 11, 2, out var hour) || text[13] != ':'
            || !Digits(text, 14, 2, out var minute) || text[16] != ':'
            || !Digits(text, 17, 2, out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
            return false;
        var position = 19;
        if (!Fraction(text, ref position, out var fraction) || !Offset(text[position..], out var offset))
            return false;
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59)).Ticks + fraction;
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks || local > DateTime.MaxValue.Ticks)
            return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>The ticks of an optional <c>.digits</c> at <paramref name="position"/>, which it advances.</summary>
    private static bool Fraction(ReadOnlySpan<byte> text, ref int position, out long ticks)
    {
        ticks = 0;
        if (position >= text.Length || text[position] != '.')
            return true;
        position++;
        var digits = 0;
        while (position < text.Length && text[position] - (uint)'0' <= 9)
        {
            if (digits < 7)
                ticks = ticks * 10 + (text[position] - '0');
            digits++;
            position++;
        }
        for (var i = digits; i < 7; i++)
            ticks *= 10;
        return digits > 0;
    }

    private static bool Offset(ReadOnlySpan<byte> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 1)
            return (text[0] | 0x20) == 'z';
        if (text.Length != 6 || text[0] != '+' && text[0] != '-' || text[3] != ':'
            || !Digits(text, 1, 2, out var hours) || !Digits(text, 4, 2, out var minutes) || hours > 14 || minutes > 59)
            return false;
        offset = new TimeSpan(hours, minutes, 0);
        if (offset > TimeSpan.FromHours(14))
            return false;
        if (text[0] == '-')
            offset = -offset;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - (uint)'0';
            if (digit > 9)
                return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
