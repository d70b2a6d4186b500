using Microsoft.Extensions.Logging;
using Palisade.Server.Ingestion;
using Palisade.Server.Metrics;
using Palisade.Server.Storage;

namespace Palisade.Server.Tests.Storage;

/// <summary>Retention held back by the detection cursor shows, in a metric and a warning, and stops showing once detection caught up.</summary>
public sealed class RetentionRunnerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("palisade-retention-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IngestRecord Flow(int n)
    {
        byte[] body = [(byte)n];
        return new IngestRecord(RecordKind.Flow, "hubble", RecordHash.OfFlow("hubble", body), DateTimeOffset.UnixEpoch, body);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Records_kept_over_the_size_limit_because_detection_has_not_read_them_are_counted_and_warned_of_until_it_has()
    {
        await using var store = await SqliteStore.OpenAsync(Path.Combine(directory, "store.db"), Cancel);
        await store.AppendAsync([Flow(1), Flow(2), Flow(3)], Cancel);
        var ids = (await store.ReadAfterAsync(0, 10, Cancel)).Select(r => r.Id).ToArray();
        await store.SaveDetectionAsync([], ids[0], Cancel);
        var metrics = new ServerMetrics();
        var log = new ListLogger();
        // One byte: the store is always over it, so what stays is what the cursor keeps.
        var runner = new RetentionRunner(store, new RetentionPolicy(null, 1), metrics, log);

        var behind = await runner.PassAsync(DateTimeOffset.UtcNow, Cancel);
        var heldMetric = await HeldBackMetricAsync(metrics);
        var warnings = log.Warnings.ToArray();
        await store.SaveDetectionAsync([], ids[^1], Cancel);
        var caughtUp = await runner.PassAsync(DateTimeOffset.UtcNow, Cancel);

        Assert.Equal(new RetentionOutcome(1, 2), behind);
        Assert.Equal("2", heldMetric);
        Assert.Contains("kept 2 records", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal(new RetentionOutcome(2, 0), caughtUp);
        Assert.Equal("0", await HeldBackMetricAsync(metrics));
        Assert.Single(log.Warnings);
    }

    // The gauge's value as /metrics shows it.
    private static async Task<string> HeldBackMetricAsync(ServerMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.ExportAsync(stream, Cancel);
        const string name = "palisade_retention_held_back_records ";
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal));
        return line[name.Length..];
    }

    /// <summary>Keeps the warnings' messages.</summary>
    private sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }
}
