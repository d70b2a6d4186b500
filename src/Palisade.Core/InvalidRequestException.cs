namespace Palisade;

/// <summary>
/// A question that cannot be answered as asked: an unknown endpoint or workload, a port outside 1–65535.
/// <see cref="Parameter"/> names what was asked in the domain's words (<c>source</c>, <c>destination</c>,
/// <c>port</c>, <c>focus</c>); each front end maps it to its own flag or query parameter.
/// </summary>
public sealed class InvalidRequestException(string parameter, string problem) : Exception($"{parameter}: {problem}")
{
    /// <summary>The parameter of the request at fault.</summary>
    public string Parameter { get; } = parameter;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
