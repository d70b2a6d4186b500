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

    /// <summary>
    /// Pods (<c>Pod ns/name</c>) written without their bodies: the lines leave out their own connections, whose labels are
    /// unknown (empty when there are none).
    /// </summary>
    public IReadOnlyList<string> UnknownPods { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The clauses an alert's message adds for <see cref="UnknownNamespaces"/> and <see cref="UnknownPods"/>, empty when there are none.</summary>
    public string UnknownClause => NamespacesClause + PodsClause;

    private string NamespacesClause => UnknownNamespaces.Count == 0 ? ""
        : $"; what it opened to or from namespace{(UnknownNamespaces.Count == 1 ? "" : "s")} {string.Join(", ", UnknownNamespaces)} is unknown "
          + "(a policy there, or the namespace itself, was recorded without its body)";

    private string PodsClause => UnknownPods.Count == 0 ? ""
        : $"; what it opened to or from {string.Join(", ", UnknownPods.Take(MaxNamed))}{(UnknownPods.Count > MaxNamed ? $" and {UnknownPods.Count - MaxNamed} more pods" : "")} "
          + $"is unknown ({(UnknownPods.Count == 1 ? "it was" : "they were")} recorded without {(UnknownPods.Count == 1 ? "its body" : "their bodies")})";

    // A Metadata-level log can leave many pods unknown: the message names a few.
    private const int MaxNamed = 3;

    /// <summary>Nothing changed.</summary>
    public static readonly ConnectivityChange None = new([], []);
}
