using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Palisade.Server.Auth;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.EndToEnd.Tests.Deploy;

/// <summary>deploy/serve/serve.yaml: clean by Palisade's own checks, the review rights <c>--auth kubernetes</c> needs and no more, client roles that cover every route, and a Deployment whose flags <c>palisade serve</c> knows.</summary>
public sealed class ServeManifestTests
{
    private static readonly string ServeFile = RepoPaths.InRepo("deploy", "serve", "serve.yaml");

    [Fact]
    public void Palisade_lint_finds_nothing_above_low()
    {
        var run = CliRun.Of("lint", RepoPaths.InRepo("deploy", "rbac.yaml"), ServeFile, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var bySeverity = JsonNode.Parse(run.Output)!["summary"]!["bySeverity"]!;
        Assert.Equal((0, 0, 0), (bySeverity["critical"]!.GetValue<int>(), bySeverity["high"]!.GetValue<int>(), bySeverity["medium"]!.GetValue<int>()));
    }

    [Fact]
    public void The_service_account_may_create_token_and_access_reviews_and_nothing_more()
    {
        var granted = Grants("palisade-serve-auth");

        Assert.Equal([("authentication.k8s.io", "tokenreviews", "create"), ("authorization.k8s.io", "subjectaccessreviews", "create")], granted.Order());
        var binding = Objects().Single(o => o["kind"]!.GetValue<string>() == "ClusterRoleBinding" && o["metadata"]!["name"]!.GetValue<string>() == "palisade-serve-auth");
        Assert.Equal("system:serviceaccount:palisade:palisade",
            $"system:serviceaccount:{binding["subjects"]![0]!["namespace"]}:{binding["subjects"]![0]!["name"]}");
    }

    [Theory]
    [InlineData("palisade-viewer", "GET", "/api/v1/connectivity")]
    [InlineData("palisade-viewer", "GET", "/api/v1/eval")]
    [InlineData("palisade-viewer", "GET", "/api/v1/findings")]
    [InlineData("palisade-viewer", "GET", "/api/v1/alerts")]
    [InlineData("palisade-viewer", "GET", "/api/v1/changes")]
    [InlineData("palisade-viewer", "GET", "/api/v1/changes/7")]
    [InlineData("palisade-viewer", "GET", "/api/v1/changes/stream")]
    [InlineData("palisade-viewer", "GET", "/api/v1/alerts/stream")]
    [InlineData("palisade-viewer", "GET", "/api/v1/flows")]
    [InlineData("palisade-viewer", "GET", "/")]
    [InlineData("palisade-viewer", "GET", "/dashboard/app.js")]
    [InlineData("palisade-viewer", "GET", "/api/v1/overview")]
    [InlineData("palisade-viewer", "POST", "/api/v1/session")]
    [InlineData("palisade-viewer", "POST", "/api/v1/whatif")]
    [InlineData("palisade-ingester", "POST", "/api/v1/ingest/hubble")]
    [InlineData("palisade-ingester", "POST", "/api/v1/ingest/flows")]
    [InlineData("palisade-ingester", "POST", "/api/v1/ingest/audit")]
    [InlineData("palisade-audit-webhook", "POST", "/api/v1/ingest/audit")]
    [InlineData("palisade-metrics", "GET", "/metrics")]
    public void A_client_role_grants_what_its_routes_are_reviewed_for(string role, string method, string path)
    {
        var access = ServiceAccess.Of(method, new PathString(path));
        var resource = access.Subresource is null ? access.Resource : $"{access.Resource}/{access.Subresource}";

        Assert.Contains((access.Group, resource, access.Verb), Grants(role));
    }

    [Fact]
    public void The_audit_webhook_may_send_audit_events_only()
    {
        Assert.Equal([("palisade.io", "ingest/audit", "create")], Grants("palisade-audit-webhook"));
    }

    [Fact]
    public void Every_flag_of_the_deployment_is_one_palisade_serve_knows()
    {
        var deployment = Objects().Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        var args = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var help = CliRun.Of("serve", "--help").Output;

        Assert.Equal("serve", args[0]);
        Assert.All(args.Skip(1), arg => Assert.Contains(arg.Split('=')[0] + " ", help, StringComparison.Ordinal));
        Assert.Contains("--auth=kubernetes", args);
    }

    private static List<(string Group, string Resource, string Verb)> Grants(string role) =>
        [.. Objects().Single(o => o["kind"]!.GetValue<string>() == "ClusterRole" && o["metadata"]!["name"]!.GetValue<string>() == role)["rules"]!.AsArray()
            .SelectMany(rule => Strings(rule!["apiGroups"]).SelectMany(g => Strings(rule["resources"]).SelectMany(r => Strings(rule["verbs"]).Select(v => (g, r, v)))))];

    private static IReadOnlyList<JsonObject> Objects() => ManifestYaml.ToJson(File.ReadAllText(ServeFile));

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
