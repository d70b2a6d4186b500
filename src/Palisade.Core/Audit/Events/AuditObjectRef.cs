namespace Palisade.Audit.Events;

/// <summary>The object a request was about (the event's <c>objectRef</c>).</summary>
public sealed record AuditObjectRef(string Resource)
{
    /// <summary>The subresource: exec, attach, portforward, status, log, ...</summary>
    public string? Subresource { get; init; }

    /// <summary>The namespace; null for cluster-scoped objects and for requests across all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>The name; null for requests on a collection (list, create without a name, deletecollection).</summary>
    public string? Name { get; init; }

    /// <summary>The API group; empty for the core group.</summary>
    public string ApiGroup { get; init; } = "";

    /// <summary>The API version.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The object's resourceVersion, when recorded.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The object's uid, when recorded.</summary>
    public string? Uid { get; init; }
}
