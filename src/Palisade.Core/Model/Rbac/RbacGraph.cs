namespace Palisade.Model.Rbac;

/// <summary>
/// Roles and bindings resolved against each other: the role each binding grants (a Role of the binding's
/// namespace, or a ClusterRole, falling back to <see cref="BuiltInClusterRoles"/>), and the rules a role
/// grants, aggregated ClusterRoles included.
/// </summary>
public sealed class RbacGraph
{
    private readonly Dictionary<(string? Namespace, string Name), RbacRole> _roles = [];
    private readonly Dictionary<string, RbacRole> _clusterRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<RbacRole, IReadOnlyList<RbacGrant>> _grants = [];
    private readonly Lazy<HashSet<RbacRole>> _bound;

    /// <summary>Indexes the roles; a declared ClusterRole replaces the built-in one of the same name.</summary>
    public RbacGraph(IReadOnlyList<RbacRole> roles, IReadOnlyList<RbacBinding> bindings)
    {
        foreach (var (name, role) in BuiltInClusterRoles.ByName)
            _clusterRoles[name] = role;
        foreach (var role in roles)
        {
            if (role.IsClusterRole)
                _clusterRoles[role.Name] = role;
            else
                _roles[(role.Namespace, role.Name)] = role;
        }
        Roles = roles;
        Bindings = bindings;
        _bound = new Lazy<HashSet<RbacRole>>(FindBound);
    }

    /// <summary>The roles declared in the input.</summary>
    public IReadOnlyList<RbacRole> Roles { get; }

    /// <summary>The bindings declared in the input.</summary>
    public IReadOnlyList<RbacBinding> Bindings { get; }

    /// <summary>The role the binding grants; null when it is neither declared nor a Kubernetes default.</summary>
    public RbacRole? RoleOf(RbacBinding binding) =>
        binding.RoleRef.IsClusterRole
            ? _clusterRoles.GetValueOrDefault(binding.RoleRef.Name)
            : binding.Namespace is null ? null : _roles.GetValueOrDefault((binding.Namespace, binding.RoleRef.Name));

    /// <summary>The ClusterRole of that name, declared or a Kubernetes default, if any.</summary>
    public RbacRole? ClusterRole(string name) => _clusterRoles.GetValueOrDefault(name);

    /// <summary>The rules the binding grants (none when its role is unknown).</summary>
    public IReadOnlyList<RbacGrant> GrantsOf(RbacBinding binding) => RoleOf(binding) is { } role ? GrantsOf(role) : [];

    /// <summary>
    /// The rules the role grants: its own and, for an aggregating ClusterRole, those of every ClusterRole its
    /// selectors match (transitively), as the aggregation controller fills them in.
    /// </summary>
    public IReadOnlyList<RbacGrant> GrantsOf(RbacRole role)
    {
        if (_grants.TryGetValue(role, out var known))
            return known;
        var grants = new List<RbacGrant>();
        var seen = new HashSet<(RbacRole, int)>();
        var visited = new HashSet<RbacRole>();
        Collect(role, role, grants, seen, visited);
        _grants[role] = grants;
        return grants;
    }

    /// <summary>
    /// Whether a binding that is not a default grants the role: directly, or through a ClusterRole it is
    /// aggregated into, the default admin, edit and view roles counting as bound (every cluster grants them to its users).
    /// </summary>
    public bool IsBound(RbacRole role) => _bound.Value.Contains(role);

    private void Collect(RbacRole bound, RbacRole role, List<RbacGrant> grants, HashSet<(RbacRole, int)> seen, HashSet<RbacRole> visited)
    {
        if (!visited.Add(role))
            return;
        foreach (var rule in role.Rules)
        {
            if (seen.Add((role, rule.Index)))
                grants.Add(new RbacGrant(bound, role, rule));
        }
        if (role.AggregationSelectors is not { } selectors)
            return;
        foreach (var candidate in _clusterRoles.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (candidate != role && selectors.Any(s => s.Matches(candidate.Labels)))
                Collect(bound, candidate, grants, seen, visited);
        }
    }

    private HashSet<RbacRole> FindBound()
    {
        var bound = new HashSet<RbacRole>();
        var granted = Bindings.Where(b => !RbacDefaults.IsDefault(b)).Select(RoleOf)
            .Concat(new[] { "admin", "edit", "view" }.Select(n => _clusterRoles.GetValueOrDefault(n)));
        foreach (var role in granted)
        {
            if (role is null)
                continue;
            bound.Add(role);
            foreach (var grant in GrantsOf(role))
                bound.Add(grant.Source);
        }
        return bound;
    }
}
