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
        Assert.Equal([(80, 0L), (443, 20L), (8080, 30L)], window.Items.OrderBy(i => i.First));
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
        Assert.Equal([("a", 20L)], window.Items);
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void A_threshold_of_one_fires_on_the_first_item()
    {
        var window = new ScanWindow<int>(Interval);
        Assert.True(window.Add(7, 500, 1));
        Assert.Equal(1, window.Count);
    }
}
