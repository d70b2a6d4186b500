using Palisade.Kubernetes.Live;

namespace Palisade.Kubernetes.Watch;

/// <summary>
/// The kinds the service watches: those a live read of the CLI lists, found by the same discovery (<see cref="ApiDiscovery"/>:
/// every kind of the kind table the server serves, at the same group and version), so that the service's answers are the
/// CLI's on the same cluster. Custom kinds (admin network policies, Routes, Istio, prometheus-operator) only when installed.
/// </summary>
internal static class WatchCatalog
{
    /// <summary>The kinds the server serves, in the kind table's order (namespaces first, then what runs, then policies).</summary>
    public static async Task<IReadOnlyList<WatchedKind>> DiscoverAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var served = await ApiDiscovery.FindAsync(new ApiReader(client, TimeSpan.FromSeconds(60)), cancellationToken).ConfigureAwait(false);
        return [.. served.Select(s => new WatchedKind(s.Row, s.Group, s.Version, s.Plural, s.Namespaced))];
    }
}
