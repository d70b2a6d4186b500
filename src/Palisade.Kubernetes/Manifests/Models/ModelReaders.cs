using Palisade.Kubernetes.Manifests.Tokens;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests.Models;

/// <summary>
/// Client models read straight from tokens for the kinds that make up most of any input, with the fields their
/// mappers read (and only those; a mapper reading a new field must read it here too, which the differential
/// tests of the two readers catch). Other kinds go through YamlDotNet's deserializer.
/// </summary>
internal static class ModelReaders
{
    private static readonly Dictionary<Type, Func<TokenBuffer, int, object>> ByModel = new()
    {
        [typeof(V1Namespace)] = (t, root) => new V1Namespace { Metadata = MetadataReader.Of(t, root) },
        [typeof(V1Pod)] = PodReader.Pod,
        [typeof(V1Service)] = ServiceReader.Service,
        [typeof(V1ReplicationController)] = WorkloadReader.ReplicationController,
        [typeof(V1Deployment)] = WorkloadReader.Deployment,
        [typeof(V1ReplicaSet)] = WorkloadReader.ReplicaSet,
        [typeof(V1StatefulSet)] = WorkloadReader.StatefulSet,
        [typeof(V1DaemonSet)] = WorkloadReader.DaemonSet,
        [typeof(V1Job)] = WorkloadReader.Job,
        [typeof(V1CronJob)] = WorkloadReader.CronJob,
        [typeof(V1NetworkPolicy)] = PolicyReader.NetworkPolicy,
        [typeof(V1Ingress)] = ServiceReader.Ingress,
    };

    /// <summary>The reader of a client model type, or null when it has none.</summary>
    public static Func<TokenBuffer, int, object>? Of(Type model) => ByModel.GetValueOrDefault(model);
}
