using Palisade.Posture.Coverage;
using Palisade.Posture.Mesh;

namespace Palisade.Posture;

/// <summary>Every posture check, in id order.</summary>
public static class CheckCatalog
{
    /// <summary>All checks.</summary>
    public static IReadOnlyList<IPostureCheck> All { get; } = Sorted(
    [
        new NamespaceWithoutPolicy(),
        new MeshMtlsNotStrict(),
        new PlaintextAccepted(),
        new DestinationTlsWeakened(),
        new AllowAllAuthorization(),
        new NamespaceOutsideMesh(),
    ]);

    private static IPostureCheck[] Sorted(IPostureCheck[] checks) =>
        checks.OrderBy(c => c.Info.Id, StringComparer.Ordinal).ToArray();
}
