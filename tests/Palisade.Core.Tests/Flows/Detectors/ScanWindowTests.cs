using Palisade.Flows.Detectors;

namespace Palisade.Core.Tests.Flows.Detectors;

/// <summary>A window counts distinct items within its interval, whether it holds one item or many.</summary>
public sealed class ScanWindowTests
{
    private const long Interval = 100;

    [Fact]
    public void Distinct_items_reach_the_threshold_repeats_do_not()
    {
        var window = new ScanWindow<int>(Interval);
        Assert.False(window.Add(80, 0, 3));
        Assert.False(window.Add(80, 10, 3));
        Assert.False(window.Add(443, 20, 3));
        Assert.True(window.Add(8080, 30, 3));
        Assert.Equal([(80, 0L, 10L, 2), (443, 20L, 20L, 1), (8080, 30L, 30L, 1)], window.Items.OrderBy(i => i.First));
    }

    [Fact]
    public void Joined_items_count_no_connections_and_the_join_lasts_an_interval_from_the_thresholds_latest_item()
    {
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3);
        window.Add(2, 10, 3);
        Assert.True(window.Add(3, 30, 3));
        // The three latest items start at 0: a record up to 100 lies in one interval with all three.
        Assert.Equal(0, window.Join(3));
        Assert.All(window.Items, i => Assert.Equal(0, i.Connections));
        window.Add(4, 120, 3);
        window.Joined(4);
        Assert.Equal(0, window.Items.Single(i => i.Item == 4).Connections);
        Assert.True(window.Add(5, 125, 3));
        Assert.Equal(1, window.Items.Sum(i => i.Connections));
    }

    [Fact]
    public void Items_older_than_the_interval_do_not_count()
    {
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3);
        window.Add(2, 50, 3);
        Assert.False(window.Add(3, 150, 3));
        Assert.Equal(2, window.Count);
        Assert.True(window.Add(4, 140, 3));
    }

    [Fact]
    public void One_item_keeps_its_first_and_newest_times()
    {
        var window = new ScanWindow<string>(Interval);
        window.Add("a", 40, 2);
        window.Add("a", 20, 2);
        window.Add("a", 60, 2);
        Assert.Equal(60, window.Newest);
        Assert.Equal([("a", 20L, 60L, 3)], window.Items);
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void A_comparer_tells_items_apart_and_the_first_instance_is_kept()
    {
        // As port-scan's horizontal windows hold destinations: two replicas of one workload are one destination.
        var window = new ScanWindow<string>(Interval, StringComparer.OrdinalIgnoreCase);
        Assert.False(window.Add("web", 0, 3));
        Assert.False(window.Add("WEB", 10, 3));
        Assert.False(window.Add("db", 20, 3));
        Assert.False(window.Add("Db", 30, 3));
        Assert.True(window.Add("cache", 40, 3));
        Assert.Equal(["cache", "db", "web"], window.Items.Select(i => i.Item).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_threshold_of_one_fires_on_the_first_item()
    {
        var window = new ScanWindow<int>(Interval);
        Assert.True(window.Add(7, 500, 1));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void Out_of_order_input_completes_an_earlier_interval_when_the_caller_allows_disorder()
    {
        // Items 1 and 2 early, one much later, then item 3 back at the start: 1, 2, 3 fit in [0, 100].
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3, disorderTicks: 1000);
        window.Add(2, 10, 3, disorderTicks: 1000);
        Assert.False(window.Add(9, 500, 3, disorderTicks: 1000));
        Assert.True(window.Add(3, 20, 3, disorderTicks: 1000));
        Assert.Equal([1, 2, 3], window.Items.Select(i => i.Item).Order());
    }

    [Fact]
    public void Out_of_order_items_further_apart_than_the_interval_do_not_count_together()
    {
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3, disorderTicks: 1000);
        window.Add(9, 500, 3, disorderTicks: 1000);
        window.Add(2, 150, 3, disorderTicks: 1000);
        Assert.False(window.Add(3, 60, 3, disorderTicks: 1000));
        Assert.True(window.Add(4, 120, 3, disorderTicks: 1000));
    }

    [Fact]
    public void Items_keep_the_latest_end_of_their_records()
    {
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3, endTicks: 90);
        window.Add(1, 5, 3, endTicks: 6);
        window.Add(2, 10, 3, endTicks: 11);
        Assert.Equal([(1, 0L, 90L, 2), (2, 10L, 11L, 1)], window.Items.OrderBy(i => i.Item));
    }

    [Fact]
    public void An_item_used_for_longer_than_an_interval_gives_the_run_of_its_latest_interval()
    {
        // Seen every 60 ticks from 0 (interval 100): at 240 its run restarts at its previous sighting, 180 (two connections);
        // after a gap longer than the interval it restarts at the new sighting.
        var window = new ScanWindow<int>(Interval);
        foreach (var ticks in new long[] { 0, 60, 120, 180, 240 })
            window.Add(1, ticks, 3);
        Assert.Equal([(1, 180L, 240L, 2)], window.Items);
        window.Add(1, 400, 3);
        Assert.Equal([(1, 400L, 400L, 1)], window.Items);
    }

    [Fact]
    public void Records_that_continue_a_connection_add_no_connection_an_items_first_record_counts_one()
    {
        var window = new ScanWindow<int>(Interval);
        window.Add(1, 0, 3, opens: false);
        window.Add(1, 5, 3, opens: false);
        window.Add(1, 6, 3);
        window.Add(2, 10, 3, opens: false);
        Assert.Equal([2, 1], window.Items.OrderBy(i => i.Item).Select(i => i.Connections));
    }
}
