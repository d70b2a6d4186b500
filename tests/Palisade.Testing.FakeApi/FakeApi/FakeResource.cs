namespace Palisade.Testing.FakeApi;

/// <summary>A resource the fake API server serves: its place in the API and the kind of its objects.</summary>
/// <param name="Custom">Whether it comes from a CustomResourceDefinition (listed among the CRDs while served).</param>
public sealed record FakeResource(string Group, string Version, string Plural, string Kind, bool Namespaced, bool Custom = false)
{
    /// <summary><c>v1</c> for the core group, else <c>GROUP/VERSION</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The path all its requests start with.</summary>
    public string Root => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>The name the real server puts in messages: <c>pods</c>, <c>networkpolicies.networking.k8s.io</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The collection path, in a namespace when one is given.</summary>
    public string CollectionPath(string? ns = null) =>
        ns is null ? $"{Root}/{Plural}" : $"{Root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
}
