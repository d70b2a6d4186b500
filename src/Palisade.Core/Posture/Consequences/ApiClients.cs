using Palisade.Model.Rbac;

namespace Palisade.Posture.Consequences;

/// <summary>
/// The ServiceAccounts that RBAC grants something to: their pods call the API server by design, so reaching
/// its port is expected of them and not a consequence worth reporting.
/// </summary>
internal static class ApiClients
{
    private const string AllServiceAccounts = "system:serviceaccounts";

    /// <summary>(namespace, name) of every ServiceAccount some binding grants at least one rule to.</summary>
    public static HashSet<(string Namespace, string Name)> Of(RbacGraph rbac, IEnumerable<(string Namespace, string Name)> accounts)
    {
        var granting = rbac.Bindings.Where(b => rbac.GrantsOf(b).Count > 0).ToArray();
        var result = new HashSet<(string, string)>();
        foreach (var (ns, name) in accounts)
        {
            if (granting.Any(b => b.Subjects.Any(s => Names(s, ns, name))))
                result.Add((ns, name));
        }
        return result;
    }

    private static bool Names(RbacSubject subject, string ns, string name) => subject.Kind switch
    {
        RbacSubject.ServiceAccountKind => subject.Namespace == ns && subject.Name == name,
        RbacSubject.GroupKind => subject.Name == AllServiceAccounts || subject.Name == $"{AllServiceAccounts}:{ns}",
        _ => false,
    };
}
