using Palisade.Audit.Timeline;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;

namespace Palisade.Audit.Detection;

/// <summary>
/// What a change did to connectivity: the two states' workload connectivity compared as <c>palisade diff</c>
/// compares them; opened lines carry what was added (all of a new pair, the gained ports of a changed one),
/// closed lines what was removed. The report of the last state is kept, since consecutive changes share one.
/// Not thread-safe.
/// </summary>
public sealed class ChangeEvaluator(INetworkModel model, ConnectivityOptions? options = null) : IChangeEvaluator
{
    private (ObjectStore Store, ConnectivityReport Report)? _last;

    /// <inheritdoc />
    public ConnectivityChange Compare(ObjectStore before, ObjectStore after)
    {
        var diff = ConnectivityDiffer.Compare(Report(before), Report(after));
        return new ConnectivityChange(ChangeLines.Opened(diff), ChangeLines.Closed(diff));
    }

    /// <summary>The workload connectivity of a state.</summary>
    public ConnectivityReport Report(ObjectStore store)
    {
        if (_last is { } last && ReferenceEquals(last.Store, store))
            return last.Report;
        var report = ConnectivityAnalyzer.Analyze(new PolicyEngine(model.Build(store).Network, options));
        _last = (store, report);
        return report;
    }
}
