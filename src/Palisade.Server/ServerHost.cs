using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Connectivity;
using Palisade.Flows.Detection;
using Palisade.Kubernetes.Access;
using Palisade.Kubernetes.Watch;
using Palisade.Server.Api;
using Palisade.Server.Auth;
using Palisade.Server.Dashboard;
using Palisade.Server.Detection;
using Palisade.Server.Ingestion;
using Palisade.Server.Metrics;
using Palisade.Server.Queue;
using Palisade.Server.Storage;
using Palisade.Server.Watch;

namespace Palisade.Server;

/// <summary>
/// The composition root of <c>palisade serve</c>: checks the options, opens the store (and queue), connects to the
/// cluster, and builds the web application with its endpoints and background work (watch and applier, posture,
/// ingestion writer or queue consumer, detection, retention). <see cref="StartAsync"/> returns the running server
/// (tests use it in-process); <see cref="RunAsync"/> runs until the token is cancelled or the process is signalled.
/// </summary>
public static class ServerHost
{
    /// <summary>Runs the service until cancelled (or SIGTERM/SIGINT).</summary>
    public static async Task RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        await server.App.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the service; <see cref="InvalidInputException"/> for bad options or an unreachable store or cluster.</summary>
    public static async Task<RunningServer> StartAsync(ServeOptions options, CancellationToken cancellationToken, Action<ILoggingBuilder>? logging = null)
    {
        options.Validate();
        var endpoint = options.ListenEndPoint();
        var tokens = options.TokenFile is { } tokenFile ? StaticTokens.Load(tokenFile) : null;
        var store = await OpenStoreAsync(options, cancellationToken).ConfigureAwait(false);
        var metrics = new ServerMetrics();
        var feed = new EventFeed();
        var alerts = new EventFeed();
        ClusterConnection? connection = null;
        ClusterWatch? watch = null;
        NatsQueue? queue = null;
        try
        {
            // --auth kubernetes needs the cluster connection for its reviews even when nothing is watched.
            if ((!options.NoWatch || options.KubernetesAuth) && (options.Kubeconfig is not null || k8s.KubernetesClientConfiguration.IsInCluster() || options.KubernetesAuth))
                connection = ClusterConnection.Resolve(options.Kubeconfig, options.Context);
            if (connection is not null && !options.NoWatch)
                watch = await ClusterWatch.ConnectAsync(connection, new WatchOptions { WatchTimeout = options.WatchTimeout, DiscoveryInterval = options.DiscoveryInterval }, cancellationToken).ConfigureAwait(false);
            if (options.Queue is { } queueUrl)
                queue = await NatsQueue.ConnectAsync(queueUrl, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            watch?.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        WebApplication? app = null;
        AccessReviewer? reviewer = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            if (logging is not null)
                logging(builder.Logging);
            else
                builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
                kestrel.AddServerHeader = false;
                kestrel.Listen(endpoint, listen =>
                {
                    if (options.TlsCert is { } cert && options.TlsKey is { } key)
                        listen.UseHttps(X509Certificate2.CreateFromPemFile(cert, key));
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                });
            });
            builder.Services.AddSingleton(store);
            builder.Services.AddSingleton(metrics);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
            if (queue is null)
            {
                builder.Services.AddSingleton(sp => new LocalIngestion(store, metrics, sp.GetRequiredService<ILogger<LocalIngestion>>(), options.QueueCapacity));
                builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalIngestion>());
            }
            else
            {
                builder.Services.AddHostedService(sp => new NatsConsumer(queue, store, sp.GetRequiredService<ILogger<NatsConsumer>>()));
            }
            app = builder.Build();
            var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
            IIngestion ingestion = queue is null ? app.Services.GetRequiredService<LocalIngestion>() : new NatsIngestion(queue, options.QueueCapacity);
            LiveCluster? live = null;
            PostureRunner? posture = null;
            if (watch is not null)
            {
                var lastChange = await store.LastChangeAsync(cancellationToken).ConfigureAwait(false);
                live = new LiveCluster(watch.Kinds, ConnectivityOptions.Default, store, metrics, feed, loggerFactory.CreateLogger<LiveCluster>(), lastChange);
                posture = new PostureRunner(live, loggerFactory.CreateLogger<PostureRunner>(), TimeSpan.FromSeconds(2));
                live.Published += _ => posture.Changed();
            }
            var state = new ServerState(options, store, ingestion, metrics, feed, alerts) { Live = live, Watch = watch, Posture = posture };
            reviewer = options.KubernetesAuth && connection is not null ? new AccessReviewer(connection) : null;

            var errors = new ErrorMiddleware(metrics, options.MaxBodyBytes, loggerFactory.CreateLogger<ErrorMiddleware>());
            var auth = new AuthMiddleware(tokens, reviewer, options.InsecureNoAuth, loggerFactory.CreateLogger<AuthMiddleware>());
            app.Use(next => context => errors.InvokeAsync(context, next));
            var session = new SessionMiddleware(options);
            app.Use(next => context => session.InvokeAsync(context, next));
            app.Use(next => context => auth.InvokeAsync(context, next));
            HealthEndpoints.Map(app, state);
            ClusterEndpoints.Map(app, state);
            DetectionEndpoints.Map(app, state);
            ChangeEndpoints.Map(app, state);
            IngestEndpoints.Map(app, state, loggerFactory.CreateLogger(typeof(IngestEndpoints)));
            DashboardEndpoint.Map(app, state);

            // Listening first: if the port or the certificate fails, no background work has started against the cluster or the store.
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var background = new List<Task>();
            if (watch is not null && live is not null && posture is not null)
            {
                background.Add(live.RunAsync(stopping.Token));
                background.Add(watch.RunAsync(live, stopping.Token));
                background.Add(posture.RunAsync(stopping.Token));
            }
            var logger = loggerFactory.CreateLogger("Palisade.Server");
            if (options.Detect)
            {
                var settings = new DetectionSettings(FlowCheckOptions.Default, new HashSet<string>(options.TrustedUsers, StringComparer.Ordinal));
                background.Add(new DetectionWorker(store, live, metrics, alerts, loggerFactory.CreateLogger<DetectionWorker>(), settings).RunAsync(stopping.Token));
            }
            background.Add(new RetentionRunner(store, new RetentionPolicy(options.RetentionAge, options.RetentionBytes), metrics, loggerFactory.CreateLogger<RetentionRunner>()).RunAsync(stopping.Token));
            logger.LogInformation("palisade serve listening on {Scheme}://{Endpoint}, store {Store}, {Queue}, {Cluster}", options.TlsCert is null ? "http" : "https", endpoint,
                store.Name, queue is null ? "no queue" : $"queue {queue.Name}", watch is null ? "no cluster watched" : $"watching {watch.Name} ({watch.Kinds.Count} kinds)");
            return new RunningServer(app, state, stopping, background, () =>
            {
                reviewer?.Dispose();
                watch?.Dispose();
            }, queue);
        }
        catch
        {
            // Nothing outlives a failed start: the cluster connection, the queue and the store are released here.
            reviewer?.Dispose();
            watch?.Dispose();
            if (app is not null)
                await app.DisposeAsync().ConfigureAwait(false);
            if (queue is not null)
                await queue.DisposeAsync().ConfigureAwait(false);
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<IRecordStore> OpenStoreAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreFactory.OpenAsync(options.StoreAddress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(null, null, "--store", $"{options.StoreAddress.Split('@')[^1]}: {e.Message.Split('\n')[0]}");
        }
    }
}
