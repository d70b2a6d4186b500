namespace Palisade.Server.Api;

/// <summary>A request the service refuses, with its HTTP status and one line saying why; answered as <c>{"error": "…"}</c>.</summary>
public sealed class ApiProblem(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status: 400 malformed, 413 too large, 404 unknown, 503 not ready or stopping.</summary>
    public int Status { get; } = status;

    /// <summary>A malformed request.</summary>
    public static ApiProblem BadRequest(string message) => new(400, message);

    /// <summary>A body over the limit.</summary>
    public static ApiProblem TooLarge(string message) => new(413, message);
}
