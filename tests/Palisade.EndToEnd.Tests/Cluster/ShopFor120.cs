using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Cluster;

/// <summary>
/// examples/shop as a Kubernetes 1.20 server takes it: the example's files, with those under Fixtures/shop-1.20 in
/// place of the ones of the same relative path (the server rejects endPort, gRPC probes and batch/v1 CronJobs).
/// </summary>
public static class ShopFor120
{
    /// <summary>The manifest files, in an order kubectl can apply (namespaces.yaml sorts first).</summary>
    public static IReadOnlyList<string> Files { get; } = Overlay();

    private static List<string> Overlay()
    {
        var example = RepoPaths.InRepo("examples", "shop");
        var overrides = RepoPaths.InRepo("tests", "Palisade.EndToEnd.Tests", "Fixtures", "shop-1.20");
        return
        [
            .. Directory.EnumerateFiles(example, "*.yaml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(example, f))
                .Order(StringComparer.Ordinal)
                .Select(rel => File.Exists(Path.Combine(overrides, rel)) ? Path.Combine(overrides, rel) : Path.Combine(example, rel)),
        ];
    }
}
