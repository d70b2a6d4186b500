using Palisade.Connectivity.Diff;

namespace Palisade.Server.Watch;

/// <summary>
/// One recorded change of the live cluster: when it was applied, the objects it touched (<c>verb Kind ns/name</c>),
/// and what it did to connectivity as the same <see cref="DiffReport"/> <c>palisade diff</c> makes, so it renders in
/// every diff format; <see cref="Opened"/> and <see cref="Closed"/> are its lines as <c>audit</c> writes them.
/// </summary>
public sealed record LiveChange(long Sequence, DateTimeOffset Time, IReadOnlyList<ObjectTouch> Objects, DiffReport Diff)
{
    /// <summary>The objects touched, compared element by element.</summary>
    public IReadOnlyList<ObjectTouch> Objects { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Objects);

    /// <summary>The connections the change opened, <c>SRC =&gt; DST : CONNS</c>.</summary>
    public IReadOnlyList<string> Opened => ChangeLines.Opened(Diff.Diff);

    /// <summary>The connections the change closed.</summary>
    public IReadOnlyList<string> Closed => ChangeLines.Closed(Diff.Diff);
}

/// <summary>What a change did to one object: <c>added</c>, <c>modified</c> or <c>deleted</c>, and the object as <c>Kind ns/name</c>.</summary>
public sealed record ObjectTouch(string Verb, string Object)
{
    /// <summary>
    /// Whether the object is one its controller rewrites after another change (Endpoints, EndpointSlices follow a pod's
    /// relabel): it names a change only when nothing else the change touched does.
    /// </summary>
    public bool IsDerived => Object.StartsWith("Endpoints ", StringComparison.Ordinal) || Object.StartsWith("EndpointSlice ", StringComparison.Ordinal);
}
