using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// Finds the client configuration the way kubectl does: <c>--kubeconfig</c>, else the files of <c>KUBECONFIG</c>
/// (merged, the first definition of a name winning; missing files skipped), else <c>~/.kube/config</c>, else the
/// pod's own service account when running in a cluster. A missing file, context or configuration is one clear error.
/// </summary>
internal static class KubeconfigResolver
{
    /// <summary>The configuration and how to name it in messages; throws <see cref="InvalidInputException"/> when there is none.</summary>
    public static (KubernetesClientConfiguration Config, string Name) Resolve(LiveRequest request)
    {
        var files = Files(request);
        if (files is null)
            return InCluster(request);
        var merged = Merge(files.Select(Load).ToList());
        var context = request.Context ?? merged.CurrentContext;
        var contexts = merged.Contexts.Select(c => c.Name).ToList();
        var where = files.Count == 1 ? files[0] : $"KUBECONFIG ({string.Join(", ", files)})";
        if (string.IsNullOrEmpty(context))
            throw Error(null, $"{where} sets no current-context; choose one with --context ({Listing(contexts)})");
        if (!contexts.Contains(context, StringComparer.Ordinal))
            throw Error(request.Context is null ? null : "--context", $"no context \"{context}\" in {where} ({Listing(contexts)})");
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
            return (config, $"context \"{context}\" ({config.Host})");
        }
        catch (Exception e) when (e is KubeConfigException or KubernetesClientException or FormatException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw Error(null, $"{where}: context \"{context}\": {e.Message}");
        }
    }

    /// <summary>The kubeconfig files to merge, or null when there are none and in-cluster configuration is the last resort.</summary>
    private static List<string>? Files(LiveRequest request)
    {
        if (request.Kubeconfig is { } given)
        {
            if (!File.Exists(given))
                throw Error("--kubeconfig", $"no such file: {given}");
            return [given];
        }
        if (!string.IsNullOrEmpty(request.KubeconfigVariable))
        {
            var listed = request.KubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = listed.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
            return existing.Count > 0 ? existing : throw Error("KUBECONFIG", $"none of its files exists ({string.Join(", ", listed)})");
        }
        return File.Exists(request.DefaultKubeconfig) ? [request.DefaultKubeconfig] : null;
    }

    private static (KubernetesClientConfiguration, string) InCluster(LiveRequest request)
    {
        if (request.Context is not null || !KubernetesClientConfiguration.IsInCluster())
        {
            throw Error(request.Context is null ? null : "--context",
                $"no kubeconfig to read the cluster with: --kubeconfig not given, KUBECONFIG not set, {request.DefaultKubeconfig} missing, and not running in a pod");
        }
        try
        {
            var config = KubernetesClientConfiguration.InClusterConfig();
            return (config, $"in-cluster configuration ({config.Host})");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw Error(null, $"in-cluster configuration: {e.Message}");
        }
    }

    private static K8SConfiguration Load(string file)
    {
        try
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file), useRelativePaths: true);
            AbsolutePaths(config, file);
            return config;
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException)
        {
            throw Error(null, $"{file}: not a readable kubeconfig: {OneLine(e.Message)}");
        }
    }

    /// <summary>
    /// Makes the file paths in the kubeconfig absolute, relative to its own folder as kubectl reads them: the client
    /// resolves them against the first file only, which is wrong for the later files of a merged KUBECONFIG.
    /// </summary>
    private static void AbsolutePaths(K8SConfiguration config, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string? Absolute(string? path) => string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(folder, path);
        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.ClusterEndpoint is { } endpoint)
                endpoint.CertificateAuthority = Absolute(endpoint.CertificateAuthority);
        }
        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is { } credentials)
                (credentials.ClientCertificate, credentials.ClientKey) = (Absolute(credentials.ClientCertificate), Absolute(credentials.ClientKey));
        }
    }

    /// <summary>kubectl's merge: the first file that names a cluster, user or context, or sets current-context, wins.</summary>
    private static K8SConfiguration Merge(List<K8SConfiguration> configs)
    {
        var merged = configs[0];
        foreach (var next in configs.Skip(1))
        {
            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext) ? next.CurrentContext : merged.CurrentContext;
            merged.Clusters = Union(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, next.Users, u => u.Name);
            merged.Contexts = Union(merged.Contexts, next.Contexts, c => c.Name);
        }
        return merged;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name) =>
        [.. (first ?? []).Concat(second ?? []).DistinctBy(name, StringComparer.Ordinal)];

    private static string Listing(List<string> contexts) =>
        contexts.Count == 0 ? "it has no contexts" : "contexts: " + string.Join(", ", contexts);

    private static string OneLine(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static InvalidInputException Error(string? option, string problem) => new(null, null, option, problem);
}
