namespace Palisade.Connectivity;

/// <summary>Whether results are reported per workload (np-guard's view) or per pod.</summary>
public enum Granularity
{
    Workload,
    Pod,
}
