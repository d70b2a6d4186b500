using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;
using Palisade.Model;

namespace Palisade.Audit.Detectors;

/// <summary>
/// <c>host-network-pod</c>: a Pod created with <c>hostNetwork: true</c>, or a workload whose pod template gains
/// it. A pod (or a ReplicaSet) its controller creates is not reported again when its workload was reported in the
/// same log.
/// </summary>
public sealed class HostNetworkPod : IAuditRule
{
    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["Deployment"] = ["spec", "template"], ["DaemonSet"] = ["spec", "template"], ["StatefulSet"] = ["spec", "template"],
        ["ReplicaSet"] = ["spec", "template"], ["ReplicationController"] = ["spec", "template"], ["Job"] = ["spec", "template"],
        ["CronJob"] = ["spec", "jobTemplate", "spec", "template"],
    };

    private readonly HashSet<(string Namespace, string Name)> _reported = [];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL908", "host-network-pod", "Pod on the host network", Severity.High, "audit",
            "A pod on the host's network is outside every network policy and can reach the node's services and other pods' traffic."),
        ["T1611"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        if (request.Write is not { AfterKnown: true, After: { } after } write || write.Deleted)
            return;
        var before = write.BeforeKnown ? write.Before : null;
        if (write.Key.Kind == "Pod" && write.Created && Bodies.True(after, "spec", "hostNetwork") && !FromReportedWorkload(write.Key, after))
            context.Raise(this, request, $"{request.Event.User.Username} created {request.ObjectText} on the host network");
        else if (Templates.TryGetValue(write.Key.Kind, out var template)
            && Bodies.True(after, [.. template, "spec", "hostNetwork"]) && !Bodies.True(before, [.. template, "spec", "hostNetwork"]))
        {
            // The ReplicaSet a reported Deployment's controller creates carries the same template: the same change, not a new one.
            var fromReported = FromReportedWorkload(write.Key, after);
            _reported.Add((write.Key.Namespace ?? "", write.Key.Name));
            if (!fromReported)
                context.Raise(this, request, $"{request.Event.User.Username} {Verbs.Past(request.Event.Verb)} {request.ObjectText} with its pods on the host network");
        }
    }

    /// <summary>Whether the object's controller is a workload reported here (directly, or a ReplicaSet named after its Deployment).</summary>
    private bool FromReportedWorkload(ObjectKey pod, JsonNode body)
    {
        if (Bodies.At(body, "metadata", "ownerReferences") is not JsonArray owners)
            return false;
        foreach (var owner in owners)
        {
            if (!Bodies.True(owner, "controller") || Bodies.Text(owner, "name") is not { } name)
                continue;
            foreach (var (ns, workload) in _reported)
            {
                if (ns == pod.Namespace && (name == workload || name.StartsWith(workload + "-", StringComparison.Ordinal)))
                    return true;
            }
        }
        return false;
    }
}
