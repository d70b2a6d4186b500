using System.Globalization;
using System.Text;

namespace Palisade.Reporting;

/// <summary>Times as the detection contract writes them: RFC 3339 in UTC, fractional seconds only when there are any.</summary>
public static class Rfc3339
{
    /// <summary><c>2024-05-01T10:40:56.4655977Z</c>, or <c>2024-05-01T10:40:56Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant an RFC 3339 date-time names (<c>2024-05-01T10:40:56.5+02:00</c>; <c>Z</c> or an offset required,
    /// any fraction); false for anything else.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        Palisade.Flows.Formats.Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out value);
}
