using System.Globalization;
using Microsoft.AspNetCore.Http;
using Palisade.Reporting;

namespace Palisade.Server.Api;

/// <summary>Reads query parameters, refusing malformed values with <see cref="ApiProblem"/> 400 that names the parameter.</summary>
public static class Query
{
    /// <summary>
    /// An RFC 3339 date-time (<c>2024-05-01T10:40:56Z</c>, an offset, any fraction), or a full date meaning its midnight
    /// UTC; null when absent. The <c>+</c> of an offset left unencoded in the URL arrives as a space and is read as <c>+</c>.
    /// </summary>
    public static DateTimeOffset? Time(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
            return null;
        var time = text.Length > 6 && text[^6] == ' ' ? string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5)) : text;
        if (Rfc3339.TryParse(time, out var instant))
            return instant;
        if (time.Length == 10 && DateTimeOffset.TryParseExact(time, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
            return day;
        throw ApiProblem.BadRequest($"{name}: \"{text}\" is not an RFC 3339 time (2024-05-01T10:40:56Z, 2024-05-01T12:40:56.5+02:00 or 2024-05-01)");
    }

    /// <summary>
    /// Refuses a parameter the route does not take (400 naming it and those it takes, in any case as routing reads them),
    /// since a typo (<c>detecter=</c>, <c>sinse=</c>) would otherwise answer as if it were absent.
    /// </summary>
    public static void Only(HttpContext context, params string[] names)
    {
        foreach (var key in context.Request.Query.Keys)
        {
            if (Array.FindIndex(names, n => n.Equals(key, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                throw ApiProblem.BadRequest(names.Length == 0
                    ? $"{key}: not a parameter of this route; it takes none"
                    : $"{key}: not a parameter of this route; the parameters are {string.Join(", ", names)}");
            }
        }
    }

    /// <summary>An integer within bounds; the default when absent.</summary>
    public static int Int(HttpContext context, string name, int fallback, int min, int max)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
            return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiProblem.BadRequest($"{name}: \"{text}\" is not a number from {min} to {max}");
    }

    /// <summary>A required string parameter.</summary>
    public static string Required(HttpContext context, string name) =>
        context.Request.Query[name].ToString() is { Length: > 0 } text ? text : throw ApiProblem.BadRequest($"{name} is required");

    /// <summary>
    /// The format asked for: <c>format=</c> by name, else the first Accept media type the registry has, else
    /// <paramref name="fallback"/>; an unknown name is 400 listing the names.
    /// </summary>
    public static ReportFormat<T> Format<T>(HttpContext context, FormatRegistry<T> registry, string fallback)
    {
        var name = context.Request.Query["format"].ToString();
        if (name.Length > 0)
            return registry.Find(name) ?? throw ApiProblem.BadRequest($"format: \"{name}\" is not one of {string.Join(", ", registry.Names)}");
        foreach (var accepted in context.Request.GetTypedHeaders().Accept ?? [])
        {
            if (accepted.MediaType.Value is { } type && registry.FindByContentType(type) is { } byType)
                return byType;
        }
        return registry.Find(fallback)!;
    }
}
