namespace Palisade.Audit.Events;

/// <summary>The HTTP status a gRPC status code (GKE's <c>protoPayload.status.code</c>) stands for.</summary>
internal static class GrpcStatus
{
    /// <summary>
    /// The mapping of google.rpc.Code to HTTP, so that "failed" (status 400 or above) means the same for GKE
    /// as for the API server's own events; an unknown code is a server error.
    /// </summary>
    public static int ToHttp(int code) => code switch
    {
        0 => 200,    // OK
        1 => 499,    // CANCELLED
        3 => 400,    // INVALID_ARGUMENT
        4 => 504,    // DEADLINE_EXCEEDED
        5 => 404,    // NOT_FOUND
        6 => 409,    // ALREADY_EXISTS
        7 => 403,    // PERMISSION_DENIED
        8 => 429,    // RESOURCE_EXHAUSTED
        9 => 400,    // FAILED_PRECONDITION
        10 => 409,   // ABORTED
        11 => 400,   // OUT_OF_RANGE
        12 => 501,   // UNIMPLEMENTED
        14 => 503,   // UNAVAILABLE
        16 => 401,   // UNAUTHENTICATED
        _ => 500,    // UNKNOWN, INTERNAL, DATA_LOSS and codes not defined
    };
}
