namespace Palisade.Kubernetes.Watch;

/// <summary>How the reflectors talk to the server: list page size, how long one watch request may stay open, how often discovery is read again.</summary>
public sealed record WatchOptions
{
    /// <summary>Objects per list page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>The watch's <c>timeoutSeconds</c>: the server ends the stream then, and the reflector resumes it.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often discovery is read again, so that a kind whose CRD is installed later (admin network policies, Istio) is watched.</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(30);
}
