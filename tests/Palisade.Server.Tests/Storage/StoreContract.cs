using System.Text;
using Palisade.Server.Ingestion;
using Palisade.Server.Storage;

namespace Palisade.Server.Tests.Storage;

/// <summary>What every store must do; run against SQLite and PostgreSQL alike.</summary>
public abstract class StoreContract : IAsyncLifetime
{
    private IRecordStore? store;

    /// <summary>The store under test, opened on first use (inside the test, so that a missing server skips it rather than failing set-up).</summary>
    protected IRecordStore Store => store ??= OpenAsync().GetAwaiter().GetResult();

    /// <summary>Opens a fresh, empty store.</summary>
    protected abstract Task<IRecordStore> OpenAsync();

    /// <summary>Opens the same store again (as a restarted service would).</summary>
    protected abstract Task<IRecordStore> ReopenAsync();

    /// <summary>
    /// Opens a fresh store whose database <paramref name="statements"/> made first (<c>applied TEXT</c> in
    /// <c>schema_migrations</c> as the store's own type of time): a store an earlier release left.
    /// </summary>
    protected abstract Task<IRecordStore> OpenPreparedAsync(IEnumerable<string> statements);

    /// <summary>The store's statements of a schema version.</summary>
    protected abstract IReadOnlyList<string> Dialect(Migration migration);

    /// <summary>The bytes 01 02 as a literal of the store's SQL.</summary>
    protected abstract string BytesLiteral { get; }

    /// <summary>The names of the table's indexes.</summary>
    protected abstract Task<IReadOnlyList<string>> IndexesAsync(string table);

    /// <summary>
    /// Opens a fresh store whose schema version 1 was created first, holding two alerts <c>a</c> and <c>b</c> of one time
    /// (2023-11-14T22:13:20Z): a store a service before the upgrade left.
    /// </summary>
    private Task<IRecordStore> OpenUpgradedFromVersionOneAsync() => OpenPreparedAsync(
    [
        .. Released(1),
        "INSERT INTO alerts (key, name, time, json) VALUES ('b', 'exec', 1700000000000, '{\"v\":\"b\"}'), ('a', 'exec', 1700000000000, '{\"v\":\"a\"}')",
    ]);

    /// <summary>The statements that make the schema as its versions up to <paramref name="version"/> left it, recorded as applied.</summary>
    private IEnumerable<string> Released(int version) =>
    [
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)",
        .. Migrations.All.Where(m => m.Version <= version).SelectMany(m => Dialect(m).Append($"INSERT INTO schema_migrations (version, description, applied) VALUES ({m.Version}, 'v{m.Version}', '2024-01-01T00:00:00Z')")),
    ];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
            await store.DisposeAsync();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IngestRecord Flow(int n, DateTimeOffset? time = null)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"flow\":{{\"n\":{n}}}}}");
        return new IngestRecord(RecordKind.Flow, "hubble", RecordHash.OfFlow("hubble", body), time ?? DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + n), body);
    }

    [Fact]
    public async Task Migrations_bring_a_new_store_to_the_current_version_and_running_them_again_changes_nothing()
    {
        Assert.Equal(Migrations.Current, await Store.SchemaVersionAsync(Cancel));
        await Store.MigrateAsync(Cancel);
        Assert.Equal(Migrations.Current, await Store.SchemaVersionAsync(Cancel));
    }

    [Fact]
    public async Task Appended_records_read_back_in_commit_order_and_a_repeated_hash_is_stored_once()
    {
        var first = await Store.AppendAsync([Flow(1), Flow(2), Flow(3)], Cancel);
        var second = await Store.AppendAsync([Flow(3), Flow(4)], Cancel);

        Assert.Equal([true, true, true], first);
        Assert.Equal([false, true], second);
        var read = await Store.ReadAfterAsync(0, 100, Cancel);
        Assert.Equal([1, 2, 3, 4], read.Select(r => int.Parse(Encoding.UTF8.GetString(r.Body)[13..^2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(2, (await Store.ReadAfterAsync(read[1].Id, 100, Cancel)).Count);
    }

    [Fact]
    public async Task A_record_given_twice_in_one_append_is_new_once()
    {
        var added = await Store.AppendAsync([Flow(1), Flow(2), Flow(1)], Cancel);

        Assert.Equal([true, true, false], added);
        Assert.Equal(2, (await Store.ReadAfterAsync(0, 10, Cancel)).Count);
    }

    [Fact]
    public async Task Records_are_counted_and_listed_by_their_own_time()
    {
        await Store.AppendAsync([Flow(1), Flow(2), Flow(3)], Cancel);
        var since = DateTimeOffset.FromUnixTimeSeconds(1_700_000_002);

        Assert.Equal(2, await Store.CountSinceAsync(RecordKind.Flow, since, Cancel));
        Assert.Equal(0, await Store.CountSinceAsync(RecordKind.Audit, since, Cancel));
        Assert.Single(await Store.RecordsSinceAsync(RecordKind.Flow, since, null, 1, Cancel));
    }

    [Fact]
    public async Task Records_of_one_time_are_paged_by_id_after_a_position_and_the_newest_come_without_bounds()
    {
        await Store.AppendAsync([Flow(1), Flow(2), Flow(3)], Cancel);
        await Store.AppendAsync([Flow(11, DateTimeOffset.FromUnixTimeSeconds(1_700_000_001)), Flow(12, DateTimeOffset.FromUnixTimeSeconds(1_700_000_001))], Cancel);

        var first = await Store.RecordsSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, null, 2, Cancel);
        var rest = await Store.RecordsSinceAsync(RecordKind.Flow, DateTimeOffset.UnixEpoch, RecordPosition.Of(first[^1]), 10, Cancel);
        var newest = await Store.RecordsSinceAsync(RecordKind.Flow, null, null, 2, Cancel);

        Assert.Equal([1_700_000_001L, 1_700_000_001L, 1_700_000_001L, 1_700_000_002L, 1_700_000_003L], first.Concat(rest).Select(r => r.Time.ToUnixTimeSeconds()));
        Assert.Equal(5, first.Concat(rest).Select(r => r.Id).Distinct().Count());
        Assert.Equal([1_700_000_002L, 1_700_000_003L], newest.Select(r => r.Time.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task Committed_records_survive_reopening()
    {
        await Store.AppendAsync([Flow(1), Flow(2)], Cancel);
        await Store.DisposeAsync();
        store = await ReopenAsync();

        Assert.Equal(2, (await Store.ReadAfterAsync(0, 10, Cancel)).Count);
    }

    [Fact]
    public async Task Alerts_replace_earlier_versions_of_their_key_and_filter_by_time_and_name()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        await Store.SaveDetectionAsync([new StoredAlert("a", "port-scan", t, "{\"v\":1}"), new StoredAlert("b", "exec", t.AddMinutes(5), "{\"v\":2}")], 7, Cancel);
        await Store.SaveDetectionAsync([new StoredAlert("a", "port-scan", t.AddMinutes(1), "{\"v\":3}")], 9, Cancel);

        Assert.Equal(9, await Store.DetectionCursorAsync(Cancel));
        Assert.Equal(["{\"v\":3}", "{\"v\":2}"], (await Store.AlertsAsync(null, null, null, 10, Cancel)).Select(a => a.Json));
        Assert.Equal(["{\"v\":2}"], (await Store.AlertsAsync(t.AddMinutes(2), null, null, 10, Cancel)).Select(a => a.Json));
        Assert.Equal(["{\"v\":3}"], (await Store.AlertsAsync(null, "port-scan", null, 10, Cancel)).Select(a => a.Json));
    }

    [Fact]
    public async Task Without_a_time_the_newest_alerts_and_changes_come_oldest_first()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        await Store.SaveDetectionAsync([.. Enumerable.Range(1, 5).Select(i => new StoredAlert($"k{i}", "exec", t.AddMinutes(i), $"{{\"v\":{i}}}"))], 1, Cancel);
        foreach (var i in Enumerable.Range(1, 5))
            await Store.AppendChangeAsync(new StoredChange(i, t.AddMinutes(i), $"{{\"sequence\":{i}}}"), Cancel);

        Assert.Equal(["{\"v\":4}", "{\"v\":5}"], (await Store.AlertsAsync(null, null, null, 2, Cancel)).Select(a => a.Json));
        Assert.Equal(["{\"v\":4}", "{\"v\":5}"], (await Store.AlertsAsync(null, "exec", null, 2, Cancel)).Select(a => a.Json));
        Assert.Equal(["{\"v\":2}", "{\"v\":3}"], (await Store.AlertsAsync(t.AddMinutes(2), null, null, 2, Cancel)).Select(a => a.Json));
        Assert.Equal(["{\"sequence\":4}", "{\"sequence\":5}"], (await Store.ChangesAsync(null, 2, Cancel)).Select(c => c.Json));
        Assert.Equal(["{\"sequence\":2}", "{\"sequence\":3}"], (await Store.ChangesAsync(t.AddMinutes(2), 2, Cancel)).Select(c => c.Json));
    }

    [Fact]
    public async Task A_key_given_twice_in_one_save_keeps_its_later_version()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        var sequences = await Store.SaveDetectionAsync([new StoredAlert("a", "exec", t, "{\"v\":1}"), new StoredAlert("b", "exec", t, "{\"v\":2}"), new StoredAlert("a", "exec", t.AddSeconds(1), "{\"v\":3}")], 4, Cancel);

        Assert.Equal(3, sequences.Count);
        Assert.Equal(4, await Store.DetectionCursorAsync(Cancel));
        Assert.Equal([("{\"v\":2}", sequences[1]), ("{\"v\":3}", sequences[2])], (await Store.AlertsAfterAsync(0, 10, Cancel)).Select(a => (a.Json, a.Sequence)));
    }

    [Fact]
    public async Task Alerts_of_one_time_are_paged_by_their_sequence_after_a_position_each_once()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        await Store.SaveDetectionAsync([.. Enumerable.Range(1, 5).Select(i => new StoredAlert($"k{i}", "exec", t, $"{{\"v\":{i}}}"))], 1, Cancel);
        await Store.SaveDetectionAsync([new StoredAlert("k6", "exec", t.AddSeconds(1), "{\"v\":6}")], 2, Cancel);

        var seen = new List<string>();
        RecordPosition? after = null;
        for (var page = 0; page < 10; page++)
        {
            var alerts = await Store.AlertsAsync(t, null, after, 2, Cancel);
            if (alerts.Count == 0)
                break;
            seen.AddRange(alerts.Select(a => a.Json));
            after = new RecordPosition(alerts[^1].Time, alerts[^1].Sequence);
        }

        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal("{\"v\":6}", seen[^1]);
        Assert.Equal(["{\"v\":6}"], (await Store.AlertsAsync(null, null, new RecordPosition(t.AddSeconds(1), 0), 10, Cancel)).Select(a => a.Json));
    }

    [Fact]
    public async Task Alerts_stored_after_a_sequence_are_those_a_reconnecting_stream_missed_also_after_reopening()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var first = await Store.SaveDetectionAsync([new StoredAlert("a", "exec", t, "{\"v\":1}"), new StoredAlert("b", "exec", t, "{\"v\":2}")], 1, Cancel);
        await Store.DisposeAsync();
        store = await ReopenAsync();
        // "a" grows: its new version comes after what the client saw, under a new, higher sequence.
        var second = await Store.SaveDetectionAsync([new StoredAlert("a", "exec", t.AddSeconds(1), "{\"v\":3}")], 2, Cancel);

        Assert.Equal(2, first.Count);
        Assert.True(first[0] < first[1] && first[1] < second[0]);
        var missed = await Store.AlertsAfterAsync(first[0], 10, Cancel);
        Assert.Equal(["{\"v\":2}", "{\"v\":3}"], missed.Select(a => a.Json));
        Assert.Equal([first[1], second[0]], missed.Select(a => a.Sequence));
        Assert.Equal(["{\"v\":3}"], (await Store.AlertsAfterAsync(first[1], 10, Cancel)).Select(a => a.Json));
    }

    [Fact]
    public async Task Retention_by_age_keeps_alerts_and_records_by_when_the_service_stored_them_not_by_their_event_time()
    {
        // Backfilled: a record and its alert from a year ago, stored now.
        var old = DateTimeOffset.UtcNow.AddYears(-1);
        await Store.AppendAsync([Flow(1, old)], Cancel);
        await Store.SaveDetectionAsync([new StoredAlert("a", "exec", old, "{\"v\":1}")], 1, Cancel);
        await Store.AppendChangeAsync(new StoredChange(1, DateTimeOffset.UtcNow, "{\"sequence\":1}"), Cancel);
        var week = new RetentionPolicy(TimeSpan.FromDays(7), null);

        await Store.ApplyRetentionAsync(week, DateTimeOffset.UtcNow, Cancel);
        Assert.Single(await Store.AlertsAsync(null, null, null, 10, Cancel));
        Assert.Single(await Store.ReadAfterAsync(0, 10, Cancel));
        Assert.Single(await Store.ChangesAsync(null, 10, Cancel));

        await Store.ApplyRetentionAsync(week, DateTimeOffset.UtcNow.AddDays(8), Cancel);
        Assert.Empty(await Store.AlertsAsync(null, null, null, 10, Cancel));
        Assert.Empty(await Store.ReadAfterAsync(0, 10, Cancel));
        Assert.Empty(await Store.ChangesAsync(null, 10, Cancel));
    }

    [Fact]
    public async Task An_upgraded_store_numbers_its_alerts_in_order_below_new_ones_and_keeps_them_a_full_retention_from_the_upgrade()
    {
        store = await OpenUpgradedFromVersionOneAsync();
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        var kept = await Store.AlertsAsync(null, null, null, 10, Cancel);
        var added = await Store.SaveDetectionAsync([new StoredAlert("c", "exec", t, "{\"v\":\"c\"}")], 1, Cancel);
        await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromDays(7), null), DateTimeOffset.UtcNow, Cancel);

        Assert.Equal(Migrations.Current, await Store.SchemaVersionAsync(Cancel));
        Assert.Equal([("{\"v\":\"a\"}", 1L), ("{\"v\":\"b\"}", 2L)], kept.Select(a => (a.Json, a.Sequence)));
        Assert.True(added[0] > 2);
        Assert.Equal(["{\"v\":\"b\"}", "{\"v\":\"c\"}"], (await Store.AlertsAfterAsync(1, 10, Cancel)).Select(a => a.Json));
        Assert.Equal(3, (await Store.AlertsAsync(null, null, null, 10, Cancel)).Count);
    }

    [Fact]
    public async Task Changes_list_in_sequence_and_the_last_sequence_is_known()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        await Store.AppendChangeAsync(new StoredChange(1, t, "{\"sequence\":1}"), Cancel);
        await Store.AppendChangeAsync(new StoredChange(2, t.AddSeconds(5), "{\"sequence\":2}"), Cancel);

        Assert.Equal(2, await Store.LastChangeAsync(Cancel));
        Assert.Equal(["{\"sequence\":2}"], (await Store.ChangesAsync(t.AddSeconds(1), 10, Cancel)).Select(c => c.Json));
    }

    [Fact]
    public async Task Changes_after_a_sequence_are_those_a_reconnecting_stream_missed()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        foreach (var n in new long[] { 1, 2, 3 })
            await Store.AppendChangeAsync(new StoredChange(n, t, $"{{\"sequence\":{n}}}"), Cancel);

        Assert.Equal([2L, 3L], (await Store.ChangesAfterAsync(1, 10, Cancel)).Select(c => c.Sequence));
        Assert.Equal([2L], (await Store.ChangesAfterAsync(1, 1, Cancel)).Select(c => c.Sequence));
    }

    [Fact]
    public async Task Retention_by_age_deletes_what_was_received_before_the_cutoff()
    {
        await Store.AppendAsync([Flow(1), Flow(2)], Cancel);
        await Store.SaveDetectionAsync([], (await Store.ReadAfterAsync(0, 10, Cancel))[^1].Id, Cancel);

        Assert.Equal(new RetentionOutcome(0, 0), await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromHours(1), null), DateTimeOffset.UtcNow, Cancel));
        Assert.Equal(new RetentionOutcome(2, 0), await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromHours(1), null), DateTimeOffset.UtcNow.AddHours(2), Cancel));
        Assert.Empty(await Store.ReadAfterAsync(0, 10, Cancel));
    }

    [Fact]
    public async Task Retention_by_age_never_deletes_records_past_the_detection_cursor()
    {
        await Store.AppendAsync([Flow(1), Flow(2), Flow(3)], Cancel);
        var ids = (await Store.ReadAfterAsync(0, 10, Cancel)).Select(r => r.Id).ToArray();
        await Store.SaveDetectionAsync([], ids[0], Cancel);

        var outcome = await Store.ApplyRetentionAsync(new RetentionPolicy(TimeSpan.FromHours(1), null), DateTimeOffset.UtcNow.AddHours(2), Cancel);

        Assert.Equal(new RetentionOutcome(1, 2), outcome);
        Assert.Equal(ids[1..], (await Store.ReadAfterAsync(0, 10, Cancel)).Select(r => r.Id));
    }

    // Random, so that PostgreSQL cannot compress the bodies away.
    private static byte[] RandomBytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    // Each about 2 kB, ending in its number.
    private static IngestRecord[] BigRecords(int count) => [.. Enumerable.Range(0, count)
        .Select(n => Flow(n) with { Body = Encoding.UTF8.GetBytes(Convert.ToHexString(RandomBytes(n, 1000)) + n) })
        .Select(r => r with { Hash = RecordHash.OfFlow("hubble", r.Body) })];

    [Fact]
    public async Task Retention_by_size_deletes_the_oldest_records_until_the_store_fits()
    {
        await Store.AppendAsync(BigRecords(2000), Cancel);
        await Store.SaveDetectionAsync([], (await Store.ReadAfterAsync(0, 5000, Cancel))[^1].Id, Cancel);

        var (deleted, heldBack) = await Store.ApplyRetentionAsync(new RetentionPolicy(null, 1_000_000), DateTimeOffset.UtcNow, Cancel);

        var left = await Store.ReadAfterAsync(0, 5000, Cancel);
        Assert.True(deleted > 0);
        Assert.Equal(0, heldBack);
        Assert.Equal(2000 - deleted, left.Count);
        Assert.EndsWith("1999", Encoding.UTF8.GetString(left[^1].Body));
    }

    [Fact]
    public async Task Retention_by_size_never_deletes_records_past_the_detection_cursor()
    {
        await Store.AppendAsync(BigRecords(2000), Cancel);
        var ids = (await Store.ReadAfterAsync(0, 5000, Cancel)).Select(r => r.Id).ToArray();
        // Detection read the first 100 (it waited for the cluster's first listing, or it is behind).
        await Store.SaveDetectionAsync([], ids[99], Cancel);

        var outcome = await Store.ApplyRetentionAsync(new RetentionPolicy(null, 1_000_000), DateTimeOffset.UtcNow, Cancel);

        Assert.Equal(new RetentionOutcome(100, 1900), outcome);
        Assert.Equal(ids[100..], (await Store.ReadAfterAsync(0, 5000, Cancel)).Select(r => r.Id));
    }

    [Fact]
    public async Task A_store_of_version_2_is_upgraded_with_an_index_on_when_records_were_received_and_keeps_its_records()
    {
        store = await OpenPreparedAsync(
        [
            .. Released(2),
            $"INSERT INTO records (kind, format, hash, time, received, body) VALUES (0, 'hubble', {BytesLiteral}, 1700000000000, 1700000000000, {BytesLiteral})",
        ]);

        Assert.Equal(Migrations.Current, await Store.SchemaVersionAsync(Cancel));
        Assert.Contains("records_received", await IndexesAsync("records"));
        var kept = Assert.Single(await Store.ReadAfterAsync(0, 10, Cancel));
        Assert.Equal([1, 2], kept.Body);
    }
}
