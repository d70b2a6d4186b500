using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.Parts;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;
using Palisade.Detection.Tests.Scenarios.Labels;
using Palisade.Detection.Tests.Scenarios.Traffic;

namespace Palisade.Detection.Tests.Scenarios.Audit;

/// <summary>
/// What the timeline scenario must yield besides its alerts: each change with its opened and closed lines
/// (<c>timeline</c>), the state in force at chosen times (<c>connectivity --at</c>), and the flow alerts of
/// <c>flows check --audit</c> judged by that state, with the cause the contract defines: the write after
/// which the connection became and stayed allowed.
/// </summary>
public sealed class TimelineExpectations(AuditScenario scenario, ConnectivityOracle connectivity)
{
    public sealed record Change(string Time, string User, string Verb, string Object, IReadOnlyList<string> Opened, IReadOnlyList<string> Closed);

    /// <summary>Every applied write the generator replays, with the connections it opened and closed.</summary>
    public IReadOnlyList<Change> Changes() =>
    [
        .. scenario.Requests.Where(r => r.Applied && r.Replayed && r.Subresource is null).OrderBy(r => r.Time).Select(r => new Change(
            AuditEventJson.Timestamp(r.Time), r.User.Username, r.Verb, r.ObjectName,
            connectivity.Opened(scenario.Log.States[r.StateBefore], scenario.Log.States[r.StateAfter]),
            connectivity.Closed(scenario.Log.States[r.StateBefore], scenario.Log.States[r.StateAfter]))),
    ];

    public IEnumerable<DateTimeOffset> CheckTimes => TimelinePart.CheckTimes.Select(s => scenario.Log.Start.AddSeconds(s));

    /// <summary>connectivity's txt lines for the state in force at a time.</summary>
    public IReadOnlyList<string> ConnectivityAt(DateTimeOffset time) => connectivity.Lines(scenario.Log.StateAt(time));

    public bool AllowedAt(DateTimeOffset time, PodPeer src, PodPeer dst, int port) =>
        connectivity.Allows(time == DateTimeOffset.MinValue ? scenario.Initial : scenario.Log.StateAt(time), Names.Of(src), Names.Of(dst), "TCP", port);

    public IReadOnlyList<Connection> Flows() => TimelinePart.Flows(scenario.Cluster, scenario.Log.Start, AllowedAt);

    /// <summary>
    /// The flow alerts: denied-attempt for flows dropped by policy; via-policy-change for forwarded flows the
    /// state in force allows and --cluster denies, caused by the last write before the flow after which the
    /// connection was allowed throughout.
    /// </summary>
    public IReadOnlyList<Label> FlowLabels()
    {
        var labels = new LabelSet();
        var writes = scenario.Requests.Where(r => r.Applied && r.Replayed && r.Subresource is null).OrderBy(r => r.Time).ToList();
        foreach (var c in Flows())
        {
            var (src, dst) = ((PodPeer)c.Src, (PodPeer)c.Dst);
            if (c.Verdict == Verdict.DroppedByPolicy)
            {
                labels.Add(Detectors.DeniedAttempt, Names.Of(src), Names.Of(dst), "TCP", c.DstPort, "dropped by policy");
                continue;
            }
            if (c.AllowedByCluster)
                continue;
            AuditRequest? cause = null;
            foreach (var w in writes.Where(w => w.Time <= c.Time))
            {
                var before = AllowedIn(scenario.Log.States[w.StateBefore], src, dst, c.DstPort);
                var after = AllowedIn(scenario.Log.States[w.StateAfter], src, dst, c.DstPort);
                if (!after)
                    cause = null;
                else if (!before)
                    cause = w;
            }
            var write = cause ?? throw new InvalidOperationException($"{c.Note} at {c.Time:O}: forwarded and allowed, but no write allowed it");
            labels.Add(Detectors.ViaPolicyChange, Names.Of(src), Names.Of(dst), "TCP", c.DstPort, "allowed only by an audited change",
                new LabelCause(AuditEventJson.Timestamp(write.Time), write.User.Username, write.Verb, write.ObjectName));
        }
        return labels.ToList();
    }

    private bool AllowedIn(ClusterState state, PodPeer src, PodPeer dst, int port) => connectivity.Allows(state, Names.Of(src), Names.Of(dst), "TCP", port);
}
