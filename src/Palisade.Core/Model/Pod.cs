using System.Net;
using Palisade.Labels;
using Palisade.Model.Mesh;
using Palisade.Net;

namespace Palisade.Model;

/// <summary>
/// A pod as the policy engine sees it: a real Pod object, or the one representative pod of a workload
/// template. Immutable; identity is namespace/name.
/// </summary>
public sealed record Pod
{
    /// <summary>Creates a pod.</summary>
    public Pod(string @namespace, string name, LabelSet labels, WorkloadRef owner)
    {
        Namespace = @namespace;
        Name = name;
        Labels = labels;
        Owner = owner;
    }

    /// <summary>The namespace.</summary>
    public string Namespace { get; }

    /// <summary>The pod name (for template pods, the workload name).</summary>
    public string Name { get; }

    /// <summary>The pod's labels.</summary>
    public LabelSet Labels { get; init; }

    /// <summary>The workload the pod is reported as.</summary>
    public WorkloadRef Owner { get; init; }

    /// <summary>Container ports, the targets of named ports.</summary>
    public IReadOnlyList<ContainerPort> Ports { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>The images of the containers that run for the pod's lifetime (sidecars included), in declaration order.</summary>
    public IReadOnlyList<ContainerImage> Images { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Known addresses: status.podIPs (and, for hostNetwork pods, status.hostIP); empty for manifests without status.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init => field = ValueCollections.List(value); } = [];

    /// <summary>Whether the pod shares its node's network namespace.</summary>
    public bool HostNetwork { get; init; }

    /// <summary>Where the pod spec sits in its object: <c>spec</c> for a Pod, <c>spec.template.spec</c> for a workload.</summary>
    public string SpecPath { get; init; } = "spec";

    /// <summary>Whether this is the representative pod of a workload template rather than a real Pod object.</summary>
    public bool FromTemplate { get; init; }

    /// <summary>Replicas the workload asks for (1 for a real pod); informational.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>What the pod says about its Istio sidecar beyond its labels, when anything.</summary>
    public SidecarHint? Sidecar { get; init; }

    /// <summary>The ServiceAccount the pod runs as (spec.serviceAccountName, <c>default</c> when unset).</summary>
    public string ServiceAccount { get; init; } = "default";

    /// <summary>The node the pod runs on (spec.nodeName), when known.</summary>
    public string? NodeName { get; init; }

    /// <summary>Its node's address (status.hostIP), when known.</summary>
    public IPAddress? HostIp { get; init; }

    /// <summary>When the pod was created (metadata.creationTimestamp), when known: it holds its addresses from then on.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Whether the pod has finished (phase Succeeded or Failed): its addresses may since belong to another pod.</summary>
    public bool Terminated { get; init; }

    /// <summary>
    /// When a pod being deleted gracefully must be gone (metadata.deletionTimestamp: its containers are killed then, and
    /// its kubelet removes it), when known; it keeps its addresses while it terminates.
    /// </summary>
    public DateTimeOffset? Deleting { get; init; }

    /// <summary>Where the pod or its template was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>ns/name.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
