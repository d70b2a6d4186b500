using Palisade.Net;
namespace Palisade.Connectivity.Diff;

/// <summary>
/// One pair whose connections differ (or, for graphs, stay the same) between the old and the new
/// version. <see cref="SourceAppearsOrVanishes"/> says the source peer exists in only one version.
/// </summary>
public sealed record ConnectionDiff(
    DiffKind Kind,
    Peer Source,
    Peer Destination,
    ConnectionSet Before,
    ConnectionSet After,
    bool SourceAppearsOrVanishes,
    bool DestinationAppearsOrVanishes)
{
    /// <summary>Whether the new version allows something the old one did not.</summary>
    public bool Widens => !After.Except(Before).IsEmpty;
}
