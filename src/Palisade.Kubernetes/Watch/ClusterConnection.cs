using k8s;
using k8s.Exceptions;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// How the service reaches its cluster: the client configuration from the kubeconfig (or, when none is given and
/// KUBECONFIG and ~/.kube/config are absent, the pod's own service account), and how messages name it. Immutable.
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
        try
        {
            if (kubeconfig is not null && !File.Exists(kubeconfig))
                throw new InvalidInputException(null, null, "--kubeconfig", $"no such file: {kubeconfig}");
            if (kubeconfig is null && Environment.GetEnvironmentVariable("KUBECONFIG") is null
                && !File.Exists(KubernetesClientConfiguration.KubeConfigDefaultLocation) && KubernetesClientConfiguration.IsInCluster())
            {
                var inCluster = KubernetesClientConfiguration.InClusterConfig();
                return new ClusterConnection(inCluster, $"in-cluster configuration ({inCluster.Host})");
            }
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
            return new ClusterConnection(config, $"{kubeconfig ?? "kubeconfig"} ({config.Host})");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or FormatException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidInputException(null, null, "--kubeconfig", e.Message.Split('\n')[0]);
        }
    }
}
