using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;
using static Palisade.Kubernetes.Manifests.Models.TokenValues;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>The workload fields the mapper reads: replicas (or parallelism), the apps kinds' selector and the pod template.</summary>
internal static class WorkloadReader
{
    public static V1Deployment Deployment(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1DeploymentSpec { Replicas = Int(t, s, "replicas"u8), Selector = Selector(t, s), Template = Template(t, s) }),
    };

    public static V1ReplicaSet ReplicaSet(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1ReplicaSetSpec { Replicas = Int(t, s, "replicas"u8), Selector = Selector(t, s), Template = Template(t, s) }),
    };

    public static V1StatefulSet StatefulSet(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1StatefulSetSpec { Replicas = Int(t, s, "replicas"u8), Selector = Selector(t, s), Template = Template(t, s) }),
    };

    public static V1DaemonSet DaemonSet(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1DaemonSetSpec { Selector = Selector(t, s), Template = Template(t, s) }),
    };

    public static V1ReplicationController ReplicationController(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1ReplicationControllerSpec { Replicas = Int(t, s, "replicas"u8), Template = Template(t, s) }),
    };

    public static V1Job Job(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, JobSpec),
    };

    public static V1CronJob CronJob(TokenBuffer t, int root) => new()
    {
        Metadata = MetadataReader.Of(t, root),
        Spec = Object(t, root, "spec"u8, (t, s) => new V1CronJobSpec
        {
            JobTemplate = Object(t, s, "jobTemplate"u8, (t, j) => new V1JobTemplateSpec { Spec = Object(t, j, "spec"u8, JobSpec) }),
        }),
    };

    private static V1JobSpec JobSpec(TokenBuffer t, int s) => new() { Parallelism = Int(t, s, "parallelism"u8), Template = Template(t, s) };

    private static V1LabelSelector? Selector(TokenBuffer t, int spec) => Object(t, spec, "selector"u8, PolicyReader.Selector);

    private static V1PodTemplateSpec? Template(TokenBuffer t, int spec) => Object(t, spec, "template"u8, PodReader.Template);
}
