using Palisade.Connectivity;
using Palisade.Flows.Baseline;
using Palisade.Flows.Identity;
using Palisade.Model;

namespace Palisade.Flows.Detection;

/// <summary>
/// What detectors work with: the cluster's history and a judge per state (built on first use), the
/// resolver, the options, the baseline, and the alerts raised so far. Not thread-safe.
/// </summary>
public sealed class FlowCheckContext
{
    // By state index: asked on every flow, so an array read rather than a lookup.
    private FlowJudge?[] _judges = [];
    private FlowJudge?[] _templateJudges = [];
    private readonly ClusterEndpointResolver _resolver;

    /// <summary>Creates the context for one check.</summary>
    public FlowCheckContext(ClusterHistory history, FlowCheckOptions? options = null, FlowBaseline? baseline = null)
        : this(history, options, baseline, new AlertBook())
    {
    }

    /// <summary>
    /// The context of a longer history for a check that goes on (a service whose cluster keeps changing): the same
    /// options, baseline and alerts, and the judges of the states both histories share (the same state objects).
    /// </summary>
    public FlowCheckContext Extend(ClusterHistory history)
    {
        var next = new FlowCheckContext(history, Options, Baseline, Alerts, _resolver);
        var byState = new Dictionary<ClusterState, FlowJudge>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _judges.Length; i++)
        {
            if (_judges[i] is { } judge)
                byState[History.States[i]] = judge;
        }
        next._judges = new FlowJudge?[history.States.Count];
        for (var i = 0; i < history.States.Count; i++)
            next._judges[i] = byState.GetValueOrDefault(history.States[i]);
        return next;
    }

    private FlowCheckContext(ClusterHistory history, FlowCheckOptions? options, FlowBaseline? baseline, AlertBook alerts, ClusterEndpointResolver? previous = null)
    {
        Alerts = alerts;
        History = history;
        Options = options ?? FlowCheckOptions.Default;
        Baseline = baseline;
        _resolver = new ClusterEndpointResolver(history, previous);
    }

    /// <summary>The cluster over time (one state without an audit log).</summary>
    public ClusterHistory History { get; }

    /// <summary>Thresholds and modelling choices.</summary>
    public FlowCheckOptions Options { get; }

    /// <summary>The connections seen before, when a baseline was given.</summary>
    public FlowBaseline? Baseline { get; }

    /// <summary>Resolves addresses to identities.</summary>
    public IEndpointResolver Resolver => _resolver;

    /// <summary>The alerts raised so far.</summary>
    public AlertBook Alerts { get; }

    /// <summary>The judge of the state at the index.</summary>
    public FlowJudge Judge(int state)
    {
        if (state < _judges.Length && _judges[state] is { } judge)
            return judge;
        if (_judges.Length < History.States.Count)
            Array.Resize(ref _judges, History.States.Count);
        return _judges[state] = new FlowJudge(new PolicyEngine(History.States[state].Snapshot, Options.Engine));
    }

    /// <summary>
    /// The judge of the state at the index where a pod the state lacks is judged as its workload's template in that state
    /// would create it (not as the workload's other pods): a pod created later carries the template of its time.
    /// </summary>
    public FlowJudge TemplateJudge(int state)
    {
        var cluster = History.States[state].Cluster;
        if (cluster.Templates.Count == 0)
            return Judge(state);
        if (state < _templateJudges.Length && _templateJudges[state] is { } judge)
            return judge;
        if (_templateJudges.Length < History.States.Count)
            Array.Resize(ref _templateJudges, History.States.Count);
        var snapshot = cluster.Network.With(pods: [.. cluster.Network.Pods, .. cluster.Templates]);
        return _templateJudges[state] = new FlowJudge(new PolicyEngine(snapshot, Options.Engine));
    }
}
