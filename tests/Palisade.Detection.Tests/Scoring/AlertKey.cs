namespace Palisade.Detection.Tests.Scoring;

/// <summary>
/// What an alert is matched on: detector, src, dst, protocol. The protocol is compared without case
/// (the contract spells protocols in upper case but does not say alerts must); the rest exactly.
/// </summary>
public readonly record struct AlertKey
{
    public AlertKey(string detector, string src, string dst, string protocol)
    {
        Detector = detector;
        Src = src;
        Dst = dst;
        Protocol = protocol.ToUpperInvariant();
    }

    public string Detector { get; }
    public string Src { get; }
    public string Dst { get; }
    public string Protocol { get; }

    public override string ToString() => $"{Detector} {Src} -> {Dst} {Protocol}";
}
