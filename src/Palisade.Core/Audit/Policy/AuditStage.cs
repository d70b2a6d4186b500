namespace Palisade.Audit.Policy;

/// <summary>The stages of a request at which the API server can emit an audit event.</summary>
public enum AuditStage
{
    /// <summary>As soon as the request is received, before it is handled.</summary>
    RequestReceived,

    /// <summary>Once the response headers are sent, for long-running requests (watch, exec).</summary>
    ResponseStarted,

    /// <summary>Once the response is complete: the event that carries the outcome.</summary>
    ResponseComplete,

    /// <summary>When handling the request panicked.</summary>
    Panic,
}
