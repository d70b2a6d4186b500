using Microsoft.AspNetCore.Http;
using Palisade.Kubernetes.Access;
using Palisade.Server.Auth;

namespace Palisade.Server.Tests.Auth;

/// <summary>Which palisade.io resource and verb a request is reviewed for under <c>--auth kubernetes</c>.</summary>
public sealed class ServiceAccessTests
{
    [Theory]
    [InlineData("GET", "/api/v1/alerts", "alerts", null, "get")]
    [InlineData("GET", "/api/v1/changes/", "changes", null, "get")]
    [InlineData("GET", "/api/v1/changes/stream", "changes", null, "watch")]
    [InlineData("GET", "/api/v1/alerts/stream", "alerts", null, "watch")]
    [InlineData("GET", "/api/v1/changes/42", "changes", null, "get")]
    [InlineData("HEAD", "/api/v1/connectivity", "connectivity", null, "get")]
    [InlineData("POST", "/api/v1/ingest/audit", "ingest", "audit", "create")]
    [InlineData("POST", "/api/v1/ingest/flows", "ingest", "flows", "create")]
    [InlineData("GET", "/metrics", "metrics", null, "get")]
    [InlineData("GET", "/", "dashboard", null, "get")]
    [InlineData("GET", "/app.js", "dashboard", null, "get")]
    [InlineData("GET", "/api/v1/", "dashboard", null, "get")]
    [InlineData("DELETE", "/api/v1/flows", "flows", null, "delete")]
    [InlineData("GET", "/API/V1/ALERTS", "alerts", null, "get")]
    [InlineData("GET", "/Api/v1/Changes/Stream", "changes", null, "watch")]
    [InlineData("POST", "/API/V1/INGEST/AUDIT", "ingest", "audit", "create")]
    [InlineData("GET", "/METRICS", "metrics", null, "get")]
    // ASP.NET Core routes paths whatever their case (/API/V1/ALERTS answers as /api/v1/alerts), so the review must too.
    public void Maps_the_path_and_method_to_a_resource_and_verb(string method, string path, string resource, string? subresource, string verb) =>
        Assert.Equal(new AccessRequest("palisade.io", resource, subresource, verb), ServiceAccess.Of(method, new PathString(path)));
}
