using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// An alert being aggregated: its key (detector, endpoints, protocol, cause), the ports, span and connection
/// count so far, and details a detector gathers for its message (domains queried, say). Not thread-safe.
/// </summary>
public sealed class AlertDraft(IFlowDetector detector, string source, string destination, int? protocol, ClusterChange? cause)
{
    /// <summary>The detector that raised it.</summary>
    public IFlowDetector Detector { get; } = detector;

    /// <summary>
    /// The source as alerts name it; where the key groups addresses (an external /24), the address of the earliest flow,
    /// as for <see cref="Destination"/>.
    /// </summary>
    public string Source { get; internal set; } = source;

    /// <summary>
    /// The destination as alerts name it, or <c>*</c>; where the key groups addresses (an external /24), the address of
    /// the earliest flow, which need not be the first read (aggregated logs list their capture windows out of order).
    /// </summary>
    public string Destination { get; internal set; } = destination;

    /// <summary>The IANA protocol number.</summary>
    public int? Protocol { get; } = protocol;

    /// <summary>The change behind the alert (<c>via-policy-change</c>).</summary>
    public ClusterChange? Cause { get; } = cause;

    /// <summary>The destination ports seen.</summary>
    public SortedSet<int> Ports { get; } = [];

    /// <summary>Detector-specific facts for the message, kept sorted and distinct; made on first use, as most alerts have none.</summary>
    public SortedSet<string> Details => field ??= new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>The earliest start of the flows aggregated, UTC ticks.</summary>
    public long First { get; set; } = long.MaxValue;

    /// <summary>The latest end of the flows aggregated, UTC ticks.</summary>
    public long Last { get; set; } = long.MinValue;

    /// <summary>Connections aggregated.</summary>
    public long Count { get; set; }

    /// <summary>The severity: the detector's, unless raised for this case.</summary>
    public Severity Severity { get; set; } = detector.Info.Rule.Severity;

    /// <summary>Where the record that opened the alert was read.</summary>
    public SourceLocation? Location { get; set; }

    /// <summary>The policies behind the verdicts of the flows aggregated, sorted.</summary>
    public IReadOnlyList<string> Policies { get; set; } = [];

    // The list last added: flows of one alert mostly share theirs (the judge caches one per class pair and port), so a
    // repeat costs a reference comparison.
    private IReadOnlyList<string>? _lastPolicies;

    /// <summary>Adds policies (sorted and distinct, as the judge gives them) to the alert's.</summary>
    public void AddPolicies(IReadOnlyList<string> names)
    {
        if (ReferenceEquals(names, _lastPolicies))
            return;
        _lastPolicies = names;
        if (names.Count == 0)
            return;
        if (Policies.Count == 0)
        {
            Policies = names;
            return;
        }
        if (Covers(Policies, names))
            return;
        var merged = new SortedSet<string>(Policies, StringComparer.Ordinal);
        merged.UnionWith(names);
        Policies = [.. merged];
    }

    /// <summary>Whether every name is already listed (lists of a few names: no set is made for the common repeat).</summary>
    private static bool Covers(IReadOnlyList<string> listed, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var found = false;
            for (var j = 0; j < listed.Count && !found; j++)
                found = string.Equals(listed[j], names[i], StringComparison.Ordinal);
            if (!found)
                return false;
        }
        return true;
    }

    /// <summary>
    /// A copy of this draft naming another cause (the service names the audited request behind a change its watch saw),
    /// so that the detector's message tells that cause.
    /// </summary>
    public AlertDraft WithCause(ClusterChange cause)
    {
        var copy = new AlertDraft(Detector, Source, Destination, Protocol, cause)
        {
            First = First, Last = Last, Count = Count, Severity = Severity, Location = Location, Policies = Policies,
        };
        copy.Ports.UnionWith(Ports);
        copy.Details.UnionWith(Details);
        return copy;
    }

    /// <summary>The finished alert.</summary>
    public FlowAlert ToAlert() => new(
        Detector.Info.Name, Severity, Source, Destination, FlowProtocols.Name(Protocol), [.. Ports],
        new DateTimeOffset(First, TimeSpan.Zero), new DateTimeOffset(Last, TimeSpan.Zero), Count, Detector.Describe(this))
    {
        Policies = Policies,
        Attack = Detector.Info.Attack,
        Cause = Cause,
        Location = Location,
    };
}
