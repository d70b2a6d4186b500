using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detection;

/// <summary>
/// What audit rules work with: the trusted users, what changes did to connectivity (when a cluster model is
/// available), whether denied requests are shown, and the alerts raised so far. Not thread-safe.
/// </summary>
public sealed class AuditCheckContext(IReadOnlySet<string> trustedUsers, IChangeEvaluator? connectivity = null, bool showDenied = false)
{
    private readonly List<AuditAlert> _alerts = [];
    private readonly HashSet<(string Rule, Guid Id)> _raisedUuids = [];
    private readonly HashSet<(string Rule, string Id)> _raised = [];

    /// <summary>Users whose writes to network policies are not tampering: names, patterns and groups (<see cref="Detection.TrustedUsers"/>).</summary>
    public TrustedUsers TrustedUsers { get; } = new(trustedUsers);

    /// <summary>Whether requests that were denied or failed reach the rules (their alerts say so).</summary>
    public bool ShowDenied { get; } = showDenied;

    /// <summary>The alerts raised so far, in request order.</summary>
    public IReadOnlyList<AuditAlert> Alerts => _alerts;

    /// <summary>Called when an alert is raised (for streaming output).</summary>
    public event Action<AuditAlert>? Raised;

    /// <summary>
    /// What the request did to connectivity; null when no cluster model is available or a body is unknown: one the
    /// request wrote, or a policy's in force around it.
    /// </summary>
    public ConnectivityChange? ChangeOf(ReplayedRequest request)
    {
        if (!request.Applied || request.Writes.Count == 0)
            return ConnectivityChange.None;
        if (connectivity is null || request.Writes.Any(w => !w.AfterKnown || !w.BeforeKnown)
            || UnknownPolicyNamespaces(request.Before, request.After) is not { } unknown
            || request.Writes.Any(w => unknown.Contains(w.Key.Kind == "Namespace" ? w.Key.Name : w.Key.Namespace ?? "")))
            return null;
        var change = connectivity.Compare(request);
        var pods = UnknownPods(request.Before, request.After);
        if (pods.Count > 0)
            change = change with { UnknownPods = pods };
        if (unknown.Count == 0)
            return change;
        // A NetworkPolicy decides only for the pods of its namespace: the other pairs are known whatever it says.
        var opened = change.Opened.Where(l => !ConnectivityLines.Touches(l, unknown)).ToList();
        var closed = change.Closed.Where(l => !ConnectivityLines.Touches(l, unknown)).ToList();
        if (opened.Count == 0 && closed.Count == 0 && change.Opened.Count + change.Closed.Count > 0)
            return null;
        return new ConnectivityChange(opened, closed) { UnknownNamespaces = [.. unknown.Order(StringComparer.Ordinal)], UnknownPods = pods };
    }

    /// <summary>The pods unknown before or after the request, as <c>Pod ns/name</c>, sorted.</summary>
    private static List<string> UnknownPods(ObjectStore before, ObjectStore after)
    {
        var pods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in before.Unknown.Concat(after.Unknown))
        {
            if (key.Kind == "Pod")
                pods.Add(key.ToString());
        }
        return [.. pods];
    }

    /// <summary>
    /// The namespaces whose labels, or one of whose NetworkPolicies, are unknown before or after the request; null when a
    /// cluster-scoped policy is unknown (it decides for any pod). A policy decides pairs beyond its own object, so what
    /// changes while it is unknown has an unknown effect on its pods' pairs; an unknown pod leaves out only its own.
    /// </summary>
    private static HashSet<string>? UnknownPolicyNamespaces(ObjectStore before, ObjectStore after)
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in before.Unknown.Concat(after.Unknown))
        {
            // Policies of other namespaces select a namespace's pods by its labels.
            if (key.Kind == "Namespace")
                namespaces.Add(key.Name);
            if (!PolicyKinds.Contains(key.Kind))
                continue;
            if (key.Kind != "NetworkPolicy" || key.Namespace is null)
                return null;
            namespaces.Add(key.Namespace);
        }
        return namespaces;
    }

    /// <summary>Lets the connectivity evaluator follow the replay: every applied request that wrote something, in order.</summary>
    public void Observe(ReplayedRequest request)
    {
        if (request.Applied && request.Writes.Count > 0)
            connectivity?.Observe(request);
    }

    private static readonly HashSet<string> PolicyKinds = ["NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];

    /// <summary>Raises an alert for the request; a rule raises at most one per request.</summary>
    public void Raise(IAuditRule rule, ReplayedRequest request, string message, IReadOnlyList<string>? opened = null, Severity? severity = null)
    {
        var id = request.Event.AuditId;
        if (!(AuditIds.TryUuid(id, out var uuid) ? _raisedUuids.Add((rule.Info.Name, uuid)) : _raised.Add((rule.Info.Name, id))))
            return;
        var e = request.Event;
        var alert = new AuditAlert(rule.Info.Name, severity ?? rule.Info.Rule.Severity, e.RequestReceived, e.User.Username, e.Verb, request.ObjectText,
            request.Applied ? message : $"{message} (the request {Outcome(e)})")
        {
            Opened = opened ?? [],
            Attack = rule.Info.Attack,
            AuditId = e.AuditId,
            TimeText = e.RequestReceivedText,
            Location = e.Location,
        };
        _alerts.Add(alert);
        Raised?.Invoke(alert);
    }

    private static string Outcome(AuditEvent e) =>
        e.StatusCode is >= 400 ? $"was rejected with status {e.StatusCode}" : e.Stage == "Panic" ? "failed: the API server panicked"
        : e.StatusFailure ? "failed" : "was denied";
}
