using Palisade.Findings;
using Palisade.Flows;
using Palisade.Flows.Detection;
using Palisade.Flows.Identity;
using Palisade.Model;
using Palisade.Net;

namespace Palisade.Generate.Traffic;

/// <summary>
/// Records each judged request into a <see cref="TrafficLog"/>, with the excluding detectors that flagged it. It
/// learns of the flags through the alert book, so it must run after those detectors, last in the list; it raises
/// nothing itself.
/// </summary>
public sealed class TrafficRecorder : IFlowDetector
{
    private readonly TrafficLog _log;
    private readonly GenerateOptions _options;
    private readonly List<string> _flags = [];
    private readonly Dictionary<(int, string, string, int, Protocol), (WorkloadRef Owner, FlowPeer Peer, int Target)[]> _backends = [];

    /// <summary>Records into <paramref name="log"/> the flows checked in <paramref name="context"/>.</summary>
    public TrafficRecorder(FlowCheckContext context, TrafficLog log, GenerateOptions options)
    {
        _log = log;
        _options = options;
        context.Alerts.Raised += draft =>
        {
            var name = draft.Detector.Info.Name;
            if (_options.Excludes(name) && !_flags.Contains(name))
                _flags.Add(name);
        };
        context.Alerts.Opened += draft => _log.Opened(draft.Detector.Info.Name, draft.Source, draft.Destination, FlowProtocols.Name(draft.Protocol), draft.First);
    }

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL800", "traffic", "Traffic recorder", Severity.Info, "flows", "Learns the delivered connections to generate policies from."), []);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        try
        {
            _log.Add(flow, _flags, context.Resolver.IsPublic(flow.Destination));
            if (flow.Delivered && flow.Service is { } service && flow.Destination.Pod is { } chosen && !FlowJudge.FromResidentNode(flow.Source, flow.Destination))
                AddOtherBackends(flow, service, chosen, context);
        }
        finally
        {
            _flags.Clear();
        }
    }

    /// <summary>
    /// A flow to a Service's address names one pod behind it; the Service sends other connections to its other
    /// workloads' pods (a canary, a second Deployment of one app). Each such workload the policies in force allow the
    /// source to reach gets the edge too, at the target port its pods give the addressed Service port.
    /// </summary>
    private void AddOtherBackends(in JudgedFlow flow, ServiceInfo service, Pod chosen, FlowCheckContext context)
    {
        if (flow.AddressedPort is not { } addressed || FlowProtocols.ToPolicy(flow.Protocol) is not { } protocol)
            return;
        var key = (flow.State, service.Namespace, service.Name, addressed, protocol);
        if (!_backends.TryGetValue(key, out var backends))
            _backends[key] = backends = Backends(context.History.States[flow.State].Snapshot, service, addressed, protocol);
        if (backends.Length < 2)
            return;
        var judge = context.Judge(flow.State);
        foreach (var (owner, peer, target) in backends)
        {
            if (owner != chosen.Owner && judge.TryAllows(flow.Source, peer, flow.Protocol, target) == true)
                _log.AddBackend(flow, peer, target, _flags);
        }
    }

    /// <summary>One serving pod per workload behind the Service port, with the target port its pods give it.</summary>
    private static (WorkloadRef Owner, FlowPeer Peer, int Target)[] Backends(NetworkSnapshot snapshot, ServiceInfo service, int port, Protocol protocol)
    {
        if (service.Ports.FirstOrDefault(p => p.Port == port && p.Protocol == protocol) is not { } servicePort)
            return [];
        var backends = new Dictionary<WorkloadRef, (WorkloadRef, FlowPeer, int)>();
        foreach (var pod in snapshot.PodsIn(service.Namespace).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!pod.HostNetwork && !pod.Terminated && pod.Deleting is null && service.Selects(pod) && !backends.ContainsKey(pod.Owner)
                && servicePort.TargetOn(pod) is { } target)
                backends[pod.Owner] = (pod.Owner, FlowPeer.OfPod(pod), target);
        }
        return [.. backends.Values];
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) => "";
}
