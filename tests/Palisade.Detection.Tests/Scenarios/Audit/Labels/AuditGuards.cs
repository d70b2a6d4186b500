using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Audit.Wrappers;

namespace Palisade.Detection.Tests.Scenarios.Audit.Labels;

/// <summary>
/// Checks that a scenario stays clear of what the contract leaves open, so every label follows from its
/// words alone. Each finding names the request and the reading that could go two ways.
/// </summary>
public static class AuditGuards
{
    public static IReadOnlyList<string> Check(AuditScenario scenario, IReadOnlyList<AuditLabel> labels, ConnectivityOracle connectivity)
    {
        var problems = new List<string>();
        var requests = scenario.Requests;
        var states = scenario.Log.States;
        var hostNetworkWorkloads = states.SelectMany(s => s.All("Pod")).Where(p => AuditLabelOracle.HostNetwork(p["spec"]))
            .Select(p => p["metadata"]!["namespace"]!.GetValue<string>() + "/" + p["metadata"]!["name"]!.GetValue<string>()).ToHashSet();

        // One alert per request: no request satisfies two rules (whether "one alert per request" is per rule is not said).
        foreach (var group in labels.GroupBy(l => (l.Time, l.User, l.Verb, l.Object)).Where(g => g.Count() > 1))
            problems.Add($"{group.Key}: raises {string.Join(", ", group.Select(l => l.Rule))}");

        foreach (var r in requests.Where(r => r.Applied && r.Replayed && r.StateBefore != r.StateAfter))
        {
            var opensLines = r.Resource!.Resource is "networkpolicies" or "adminnetworkpolicies" or "baselineadminnetworkpolicies"
                || (r.Resource.Resource is "namespaces" or "pods" && r.Verb is "update" or "patch" && r.Before is not null);
            if (!opensLines || r.Subresource is not null)
                continue;
            var (before, after) = (states[r.StateBefore], states[r.StateAfter]);
            // A change that splits the external ranges differently has no line-for-line "opened".
            if (!connectivity.ExternalRanges(before).SetEquals(connectivity.ExternalRanges(after)))
                problems.Add($"{r}: changes the external address ranges connectivity reports");
            foreach (var line in connectivity.Opened(before, after).Concat(connectivity.Closed(before, after)))
            {
                // Whether the audit replay models Ingress routing, and how host-network pods are matched, is not said.
                if (line.Contains("ingress-controller", StringComparison.Ordinal) || hostNetworkWorkloads.Any(h => line.Contains(h.Split('/')[0] + "/" + h.Split('/')[1] + "[Pod]", StringComparison.Ordinal)))
                    problems.Add($"{r}: opened or closed line involves an ingress controller or a host-network pod: {line}");
            }
        }

        // A controller-created hostNetwork pod is "not reported again" only if its workload was reported.
        foreach (var r in requests.Where(r => r.Applied && r.Resource == ApiResource.Pods && r.Verb == "create" && r.Subresource is null
            && AuditLabelOracle.HostNetwork(r.After?["spec"]) && AuditLabelOracle.CreatedByController(r.After)))
        {
            var owner = r.After!["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>();
            var reported = labels.Any(l => l.Rule == AuditRules.HostNetworkPod && string.CompareOrdinal(l.Time, AuditEventJson.Timestamp(r.Time)) < 0
                && l.Object.StartsWith("D", StringComparison.Ordinal) && owner.StartsWith(l.Object.Split('/')[1], StringComparison.Ordinal));
            if (!reported)
                problems.Add($"{r}: a controller-created hostNetwork pod whose workload was never reported");
        }

        // A request some wrapper cannot carry must raise nothing, so every wrapper has the same labels.
        foreach (var w in AuditWrapper.All)
        {
            foreach (var r in requests.Where(r => !w.Expresses(r)))
            {
                if (labels.Any(l => l.Time == AuditEventJson.Timestamp(r.Time) && l.User == r.User.Username))
                    problems.Add($"{r}: {w.Id} cannot carry it, but it raises an alert");
            }
        }
        return problems;
    }
}
