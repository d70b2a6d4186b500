using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Detectors;
using Palisade.Generate.Traffic;
using Palisade.Model;

namespace Palisade.Generate;

/// <summary>
/// <c>generate --flows</c>: one pass over the flows, as <c>flows check</c> makes it (each record resolved at its
/// time, replies dropped, judged by the policy then), with the detectors whose flows are left out and the traffic
/// recorder last; then the policies are built for the cluster's last state and proved. Records can be fed as they
/// are read. Not thread-safe.
/// </summary>
public sealed class GenerateSession
{
    private readonly ClusterHistory _history;
    private readonly GenerateOptions _options;
    private readonly TrafficLog _log;
    private readonly FlowCheck _check;

    /// <summary>A session over the cluster's history.</summary>
    public GenerateSession(ClusterHistory history, GenerateOptions options)
    {
        _history = history;
        _options = options;
        _log = new TrafficLog(history, options);
        var context = new FlowCheckContext(history, options.Check);
        _check = new FlowCheck(context,
            [new PolicyViolation(), new PortScan(), new ControlPlaneAccess(), new MetadataAccess(), new DnsExfiltration(), new TrafficRecorder(context, _log, options)]);
    }

    /// <summary>Records read so far.</summary>
    public long Records => _check.Flows;

    /// <summary>Reads one record: DNS answers name addresses; the rest goes through the check.</summary>
    public void Observe(FlowRecord record)
    {
        if (record.Dns is { IsResponse: true } dns)
            _log.Names.Learn(dns);
        var unresolved = _check.Unresolved;
        _check.Observe(record);
        if (_check.Unresolved > unresolved)
            _log.AddUnresolvable(record);
    }

    /// <summary>Builds the policies from what was read, and proves them.</summary>
    public GenerateResult Finish()
    {
        var alerts = _check.Result().Alerts.Where(a => _options.Excludes(a.Detector)).ToArray();
        var (edges, leftOut) = _log.Close(alerts);
        var result = GenerateUseCase.Generate(_history.States[^1].Cluster, edges, _log.Seen, leftOut, _options, _log.Names);
        return result with
        {
            Alerts = alerts,
            Traffic = new TrafficSummary
            {
                Records = _check.Flows,
                Requests = _log.Requests,
                NotDelivered = _log.NotDelivered,
                NotPodTraffic = _log.NotPodTraffic,
                FromResidentNode = _log.FromResidentNode,
                Unresolvable = _log.Unresolvable,
                UnresolvableAt = _log.UnresolvableAt,
            },
        };
    }
}
