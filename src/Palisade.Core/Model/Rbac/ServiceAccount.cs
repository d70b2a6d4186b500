namespace Palisade.Model.Rbac;

/// <summary>A ServiceAccount: the identity pods run as, which bindings may name as a subject.</summary>
public sealed record ServiceAccount(string Namespace, string Name)
{
    /// <summary>Where it was declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The user name the API server gives its tokens: <c>system:serviceaccount:ns:name</c>.</summary>
    public string UserName => $"system:serviceaccount:{Namespace}:{Name}";
}
