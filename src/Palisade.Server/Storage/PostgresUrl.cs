using Npgsql;

namespace Palisade.Server.Storage;

/// <summary>Turns <c>postgres://user:password@host:port/database?sslmode=…</c> into an Npgsql connection string, and a name without the password.</summary>
public static class PostgresUrl
{
    /// <summary>The connection string and the store's name; throws <see cref="InvalidInputException"/> for a malformed address.</summary>
    public static (string ConnectionString, string Name) Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
            throw new InvalidInputException(null, null, "--store", $"\"{Redact(url)}\" is not a PostgreSQL address (postgres://user:password@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "palisade",
            MaxPoolSize = 16,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] == "sslmode" && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1], ignoreCase: true, out var mode))
                builder.SslMode = mode;
        }
        return (builder.ConnectionString, $"postgres://{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private static string Redact(string url) => url.Contains('@', StringComparison.Ordinal) ? "postgres://…@" + url[(url.LastIndexOf('@') + 1)..] : url;
}
