namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// Labels, distinct alerts and matches, added up over detectors, formats or runs (micro-averaging).
/// Recall with nothing to find and precision with nothing reported are 1: nothing was missed, nothing wrong said.
/// </summary>
public readonly record struct Counts(int Labels, int Alerts, int Matched)
{
    public int Missed => Labels - Matched;
    public int Unexpected => Alerts - Matched;

    public double Recall => Labels == 0 ? 1.0 : (double)Matched / Labels;
    public double Precision => Alerts == 0 ? 1.0 : (double)Matched / Alerts;

    public static Counts operator +(Counts a, Counts b) => new(a.Labels + b.Labels, a.Alerts + b.Alerts, a.Matched + b.Matched);

    public static Counts Sum(IEnumerable<Counts> counts) => counts.Aggregate(new Counts(), (a, b) => a + b);
}
