using k8s;
using Palisade.Kubernetes.Live;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// How the service reaches its cluster: the client configuration found as kubectl finds it (<c>--kubeconfig</c>, the
/// files of KUBECONFIG, ~/.kube/config, or the pod's own service account; see <see cref="KubeconfigResolver"/>, which
/// the live reads use too), and how messages name it. Immutable.
/// </summary>
public sealed class ClusterConnection
{
    private ClusterConnection(KubernetesClientConfiguration config, string name)
    {
        Config = config;
        Name = name;
    }

    internal KubernetesClientConfiguration Config { get; }

    /// <summary>The context and server, or the in-cluster configuration.</summary>
    public string Name { get; }

    /// <summary>Resolves the configuration; throws <see cref="InvalidInputException"/> with one line when there is none or it is broken.</summary>
    public static ClusterConnection Resolve(string? kubeconfig, string? context)
    {
        var (config, name) = KubeconfigResolver.Resolve(new LiveRequest { Kubeconfig = kubeconfig, Context = context });
        return new ClusterConnection(config, name);
    }
}
