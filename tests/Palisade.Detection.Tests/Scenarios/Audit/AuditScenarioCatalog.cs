using System.Collections.Concurrent;
using Palisade.Detection.Tests.Scenarios.Audit.Log;
using Palisade.Detection.Tests.Scenarios.Audit.Parts;
using Palisade.Detection.Tests.Scenarios.Audit.State;
using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Audit;

/// <summary>
/// Every audit scenario, built deterministically on the flow scenarios' cluster from 2025-06-03T14:00Z: one per
/// rule (positives and negatives together), the policy timeline, all rule parts in one log, and the request shapes
/// of the third review (shapes). Each runs over a
/// background of controllers, kubelets and people.
/// </summary>
public static class AuditScenarioCatalog
{
    public static readonly DateTimeOffset Start = new(2025, 6, 3, 14, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> Names { get; } =
        ["tampering", "label-change", "exec", "exposure", "rbac", "anonymous", "secrets", "host-network", "timeline", "mixed", "shapes"];

    private static readonly ConcurrentDictionary<string, Lazy<AuditScenario>> Built = new();

    public static AuditScenario Get(string name) => Built.GetOrAdd(name, n => new Lazy<AuditScenario>(() => Build(n))).Value;

    public static AuditScenario Build(string name) => name switch
    {
        "tampering" => Single(name, 201, "NetworkPolicy and tier writes by untrusted and trusted users, every verb and patch type.", (b, _) => TamperingPart.Add(b, 60), Actors.Trusted),
        "label-change" => Single(name, 202, "Namespace and Pod relabels that open connections, and relabels that do not.", (b, c) => LabelChangePart.Add(b, c, 60)),
        "exec" => Single(name, 203, "exec, attach and portforward by kubectl and WebSocket clients; logs and denied execs.", (b, c) => ExecPart.Add(b, c, 60)),
        "exposure" => Single(name, 204, "Services made NodePort/LoadBalancer or given external IPs by create, update and patch; Ingress changes.", (b, c) => ExposurePart.Add(b, c, 60)),
        "rbac" => Single(name, 205, "Bindings to cluster-admin/admin and roles granting escalation; the control plane exempt.", (b, _) => RbacPart.Add(b, 60)),
        "anonymous" => Single(name, 206, "Allowed anonymous resource requests; health checks and denied requests.", (b, _) => AnonymousPart.Add(b, 60)),
        "secrets" => Single(name, 207, "Secrets read in kube-system and all namespaces; the control plane and other namespaces exempt.", (b, _) => SecretPart.Add(b, 60)),
        "host-network" => Single(name, 208, "hostNetwork pods and templates gaining it; controller-created pods not reported again.", (b, c) => HostNetworkPart.Add(b, c, 60)),
        "timeline" => Single(name, 209, "Policy patches and relabels over an hour, for timeline, connectivity --at and flows check --audit.", (b, c) => TimelinePart.Add(b, c), seconds: 3600),
        "shapes" => Single(name, 211, "Dry runs in DeleteOptions, a panicked request, Ingresses created at Metadata level, controllers' status writes, server-side apply creates.", (b, c) => ShapesPart.Add(b, c, 60)),
        "mixed" => Single(name, 210, "Every part in one log, the tampering part's trusted users.", Mixed, Actors.Trusted, seconds: 3000),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown audit scenario"),
    };

    private static AuditScenario Single(string name, int seed, string description, Action<AuditLogBuilder, ClusterSpec> part,
        IReadOnlyList<string>? trusted = null, double seconds = 900)
    {
        var cluster = AuditCluster.Spec();
        var b = new AuditLogBuilder(AuditCluster.Initial(cluster), seed, Start);
        if (name != "timeline")
            BackgroundPart.AddStart(b, cluster);
        part(b, cluster);
        BackgroundPart.AddChurn(b, cluster, seconds);
        return new AuditScenario { Name = name, Description = description, Cluster = cluster, Log = b, TrustedUsers = trusted ?? [], Seed = seed };
    }

    /// <summary>
    /// The parts one after another. The tampering part ends with a Metadata-level write (the policy is then
    /// unknown), so only the host-network part, which opens nothing, comes after it.
    /// </summary>
    private static void Mixed(AuditLogBuilder b, ClusterSpec c)
    {
        ExecPart.Add(b, c, 60);
        SecretPart.Add(b, 300);
        AnonymousPart.Add(b, 560);
        RbacPart.Add(b, 760);
        ExposurePart.Add(b, c, 1200);
        LabelChangePart.Add(b, c, 1600);
        TamperingPart.Add(b, 1850);
        HostNetworkPart.Add(b, c, 2500);
    }
}
