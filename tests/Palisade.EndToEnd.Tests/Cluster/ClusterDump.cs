namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// <c>kubectl get KINDS -A -o yaml</c> of a server into a file: every kind Palisade reads that the server serves,
/// as a given user. What a command answers on such a dump is the baseline for its answer with --kubeconfig.
/// </summary>
public static class ClusterDump
{
    /// <summary>
    /// Dumps the server as the kubeconfig's user (admin when null) into the path, and returns the path. With a
    /// namespace, namespaced kinds come from it alone (kubectl's -n; cluster-scoped kinds are dumped whole).
    /// </summary>
    public static string Write(KubeApiServer server, string path, string? kubeconfig = null, string? ns = null)
    {
        kubeconfig ??= server.KubeconfigPath;
        var served = server.KubectlAs(kubeconfig, null, "api-resources", "-o", "name").Ok("kubectl api-resources").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        // Fully qualified, because short names are ambiguous on a 1.20 server (ingresses also exist in extensions).
        var kinds = ReadKinds.All.Select(ReadKinds.Qualified).Where(served.Contains);
        string[] scope = ns is null ? ["-A"] : ["-n", ns];
        var dump = server.KubectlAs(kubeconfig, null, ["get", string.Join(",", kinds), .. scope, "-o", "yaml"]).Ok("kubectl get").Output;
        File.WriteAllText(path, dump);
        return path;
    }
}
