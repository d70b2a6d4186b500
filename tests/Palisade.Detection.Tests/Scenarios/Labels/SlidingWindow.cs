namespace Palisade.Detection.Tests.Scenarios.Labels;

/// <summary>Distinct values within any 60-second interval, for the scan and DNS thresholds.</summary>
public static class SlidingWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The largest number of distinct values in any window starting at an event, and the values of every
    /// window that reaches <paramref name="threshold"/>.
    /// </summary>
    public static (int Max, IReadOnlySet<T> Reaching) Measure<T>(IEnumerable<(DateTimeOffset Time, T Value)> events, int threshold) where T : notnull
    {
        var sorted = events.OrderBy(e => e.Time).ToList();
        var max = 0;
        var reaching = new HashSet<T>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var window = new HashSet<T>();
            for (var j = i; j < sorted.Count && sorted[j].Time - sorted[i].Time <= Length; j++)
                window.Add(sorted[j].Value);
            max = Math.Max(max, window.Count);
            if (window.Count >= threshold)
                reaching.UnionWith(window);
        }
        return (max, reaching);
    }
}
