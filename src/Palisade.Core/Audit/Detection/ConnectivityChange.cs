using Palisade.Audit.Timeline;

namespace Palisade.Audit.Detection;

/// <summary>
/// What a change did to connectivity, as <c>connectivity</c> lines at workload granularity: the connections it
/// opened (a pair that only gained ports lists the gained ones) and closed. Null lists mean unknown (a body was
/// not recorded).
/// </summary>
public sealed record ConnectivityChange(IReadOnlyList<string> Opened, IReadOnlyList<string> Closed)
{
    /// <summary>The connections closed.</summary>
    public IReadOnlyList<string> Closed { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Closed);

    /// <summary>The connections opened.</summary>
    public IReadOnlyList<string> Opened { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Opened);

    /// <summary>
    /// Namespaces whose pods' connections the lines leave out: a NetworkPolicy there, or the Namespace (its labels), was
    /// recorded without its body, so what the change did to or from them is unknown (empty when every connection is known).
    /// </summary>
    public IReadOnlyList<string> UnknownNamespaces { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The clause an alert's message adds for <see cref="UnknownNamespaces"/>, empty when there are none.</summary>
    public string UnknownClause => UnknownNamespaces.Count == 0 ? ""
        : $"; what it opened to or from namespace{(UnknownNamespaces.Count == 1 ? "" : "s")} {string.Join(", ", UnknownNamespaces)} is unknown "
          + "(a policy there, or the namespace itself, was recorded without its body)";

    /// <summary>Nothing changed.</summary>
    public static readonly ConnectivityChange None = new([], []);
}
