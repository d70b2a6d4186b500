namespace Palisade.Audit.Policy;

/// <summary>How much of a request an audit rule records, in increasing order.</summary>
public enum AuditLevel
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Who, what, when: user, verb, resource, response code; no bodies.</summary>
    Metadata,

    /// <summary>Metadata and the request body.</summary>
    Request,

    /// <summary>Metadata, the request body and the response body.</summary>
    RequestResponse,
}
