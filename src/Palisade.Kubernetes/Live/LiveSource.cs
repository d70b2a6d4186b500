using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Exceptions;
using Palisade.Model;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// Reads a running cluster with the official client: discovery says which kinds of the kind table the server serves
/// (custom kinds only when their CRD is installed), then each is listed page by page, several kinds at a time, and
/// every page's objects are mapped as they arrive. Kinds are added to the builder in the table's order, so the
/// result does not depend on which list finished first.
/// </summary>
public static partial class LiveSource
{
    /// <summary>
    /// Reads the cluster into the builder, and each object's JSON body into <paramref name="bodies"/> when given (the
    /// state an audit log is replayed onto); throws <see cref="InvalidInputException"/> with a one-line message on any failure.
    /// </summary>
    public static LiveRead Read(LiveRequest request, ClusterBuilder builder, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => ReadAsync(request, builder, bodies, cancellationToken), cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Read"/>
    public static async Task<LiveRead> ReadAsync(LiveRequest request, ClusterBuilder builder, List<KeyValuePair<ObjectKey, JsonNode>>? bodies = null,
        CancellationToken cancellationToken = default)
    {
        if (request.Namespaces.FirstOrDefault(n => !NamespaceName().IsMatch(n)) is { } bad)
            throw new InvalidInputException(null, null, "--namespace", $"\"{bad}\" is not a namespace name (lower-case letters, digits and '-', at most 63)");
        using var client = Connect(request);
        var reader = new ApiReader(client, request.RequestTimeout);
        var kinds = await ApiDiscovery.FindAsync(reader, cancellationToken).ConfigureAwait(false);
        var reads = await ListAllAsync(reader, kinds, request with { Namespaces = [.. request.Namespaces.Distinct(StringComparer.Ordinal)] },
            bodies is not null, cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        var refused = new List<RefusedKind>();
        foreach (var read in reads)
        {
            if (read.Forbidden is { } reason)
            {
                refused.Add(new RefusedKind(read.Kind.Row.Kind, read.Kind.Resource, reason));
                continue;
            }
            foreach (var o in read.Objects)
                builder.Add(o);
            warnings.AddRange(read.Warnings);
            bodies?.AddRange(read.Bodies!);
        }
        return new LiveRead(client.Name, warnings, refused);
    }

    private static ApiClient Connect(LiveRequest request)
    {
        var (config, name) = KubeconfigResolver.Resolve(request);
        try
        {
            return new ApiClient(config, name);
        }
        catch (Exception e) when (e is KubeConfigException or KubernetesClientException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidInputException(null, null, null, $"{name}: {e.Message}");
        }
    }

    /// <summary>
    /// Lists the kinds, at most <see cref="LiveRequest.Parallelism"/> at once, starting them in the table's order. After
    /// a refusal (without --allow-partial) no further kind starts, and the error names the first kind refused in the
    /// table's order: every kind before the first one refused has started, so that name does not depend on timing.
    /// </summary>
    private static async Task<List<KindRead>> ListAllAsync(ApiReader reader, IReadOnlyList<ServedKind> kinds, LiveRequest request, bool withBodies,
        CancellationToken cancellationToken)
    {
        var reads = new KindRead?[kinds.Count];
        var failures = new Exception?[kinds.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, request.Parallelism));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var done = 0;
        var refused = 0;
        var lister = new KindLister(reader, request, (kind, count) =>
            request.Progress?.Report(new ReadProgress(kind.Resource, count, Volatile.Read(ref done), kinds.Count)));
        var running = new List<Task>();
        for (var i = 0; i < kinds.Count; i++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (stop.IsCancellationRequested || Volatile.Read(ref refused) > 0)
            {
                gate.Release();
                break;
            }
            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    reads[index] = await lister.ListAsync(kinds[index], withBodies, stop.Token).ConfigureAwait(false);
                    if (reads[index]!.Forbidden is not null && !request.AllowPartial)
                        Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    failures[index] = e;
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Increment(ref done);
                    gate.Release();
                }
            }, CancellationToken.None));
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if ((failures.FirstOrDefault(f => f is not null and not OperationCanceledException) ?? failures.FirstOrDefault(f => f is not null)) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
        if (reads.FirstOrDefault(r => r?.Forbidden is not null && !request.AllowPartial) is { } forbidden)
            throw new InvalidInputException(null, null, null, $"{reader.Client.Name}: {forbidden.Forbidden}; {ApiFailure.RbacHint}");
        return [.. reads.OfType<KindRead>()];
    }

    /// <summary>A DNS-1123 label, as namespace names are.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespaceName();
}
