using Palisade.Detection.Tests.Scenarios.Labels;

namespace Palisade.Detection.Tests.Scoring;

/// <summary>One alert of <c>flows check -o json</c>, reduced to the fields the scorer reads.</summary>
public sealed record ObservedAlert(string Detector, string Src, string Dst, string Protocol, IReadOnlyList<int> Ports, LabelCause? Cause = null, long? Count = null)
{
    public AlertKey Key => new(Detector, Src, Dst, Protocol);
}
