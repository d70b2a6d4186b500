using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Palisade.Kubernetes.Watch;

namespace Palisade.Kubernetes.Access;

/// <summary>
/// Asks the cluster who a bearer token is (TokenReview) and whether that identity may use a part of the service
/// (SubjectAccessReview on a resource of the service's own API group), as an API server's delegated authentication
/// and authorization do. Non-resource URLs would not do: every cluster grants <c>/api/*</c> to all authenticated
/// users for discovery, which would let any token read the service's <c>/api/v1/…</c>. Answers are cached for a short while so that a busy client costs the cluster nothing
/// per request; stale answers are dropped once many are cached, so clients sending random tokens cannot grow it without bound.
/// Thread-safe.
/// </summary>
public sealed class AccessReviewer : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    // Tokens come from clients, any number of them: past this many cached answers the stale ones are dropped.
    private const int PruneAbove = 10_000;
    private readonly k8s.Kubernetes _client;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ReviewedUser? User)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, AccessRequest), (DateTimeOffset At, bool Allowed)> _decisions = new();

    /// <summary>A reviewer asking the cluster of the connection.</summary>
    public AccessReviewer(ClusterConnection connection) => _client = new k8s.Kubernetes(connection.Config);

    /// <summary>The user the token authenticates, or null when the cluster does not accept it.</summary>
    public async Task<ReviewedUser?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(token, out var known) && DateTimeOffset.UtcNow - known.At < Fresh)
            return known.User;
        var review = await _client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var user = review.Status?.Authenticated == true && review.Status.User is { } u
            ? new ReviewedUser(u.Username ?? "", [.. u.Groups ?? []], u.Uid)
            : null;
        _tokens[token] = (DateTimeOffset.UtcNow, user);
        Prune(_tokens, e => e.At);
        return user;
    }

    /// <summary>Whether the user may do the request.</summary>
    public async Task<bool> AuthorizeAsync(ReviewedUser user, AccessRequest request, CancellationToken cancellationToken)
    {
        var key = (user.Name, request);
        if (_decisions.TryGetValue(key, out var known) && DateTimeOffset.UtcNow - known.At < Fresh)
            return known.Allowed;
        var review = await _client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Name,
                Groups = [.. user.Groups],
                Uid = user.Uid,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Group = request.Group,
                    Resource = request.Resource,
                    Subresource = request.Subresource,
                    Verb = request.Verb,
                },
            },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var allowed = review.Status?.Allowed == true;
        _decisions[key] = (DateTimeOffset.UtcNow, allowed);
        Prune(_decisions, e => e.At);
        return allowed;
    }

    /// <summary>Drops the answers older than <see cref="Fresh"/> once the cache holds more than <see cref="PruneAbove"/>; they would be asked again anyway.</summary>
    private static void Prune<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, Func<TValue, DateTimeOffset> at) where TKey : notnull
    {
        if (cache.Count <= PruneAbove)
            return;
        var stale = DateTimeOffset.UtcNow - Fresh;
        foreach (var (key, value) in cache)
        {
            if (at(value) < stale)
                cache.TryRemove(key, out _);
        }
    }

    /// <summary>Whether an exception is the cluster failing to answer (as opposed to refusing).</summary>
    public static bool IsUnavailable(Exception e) => e is HttpOperationException or HttpRequestException or IOException or TaskCanceledException;

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}

/// <summary>An identity the cluster vouched for: its user name, groups and uid.</summary>
public sealed record ReviewedUser(string Name, IReadOnlyList<string> Groups, string? Uid)
{
    /// <summary>The groups, compared element by element.</summary>
    public IReadOnlyList<string> Groups { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Groups);
}
