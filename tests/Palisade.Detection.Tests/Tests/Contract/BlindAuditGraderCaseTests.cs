using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Cases of the second blind audit grader review (2026-12-02) that came out as the contract says and that no other test
/// pinned: a pair gaining every connection beyond a port, escaped JSON Patch label paths, an AdminNetworkPolicy rule
/// turned from Deny to Pass, a Namespace read by name, a Service turned from ExternalName to LoadBalancer, an Ingress
/// replaced with the same rules, a watch across namespaces logged only at ResponseStarted, a policy merged into a narrower
/// selector and one replaced without <c>policyTypes</c>. Expected values are written
/// from the contract's Detection section.
/// </summary>
public sealed class BlindAuditGraderCaseTests
{
    /// <summary>Each alert as <c>rule time user verb object | opened lines joined by "; "</c>.</summary>
    private static IReadOnlyList<string> Audit(string? cluster, params string[] lines)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.jsonl"), Log(lines));
        string[] args = ["audit", dir.File("audit.jsonl"), "-o", "json"];
        if (cluster is not null)
        {
            File.WriteAllText(dir.File("cluster.yaml"), cluster);
            args = [.. args, "--cluster", dir.File("cluster.yaml")];
        }
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a =>
            $"{a.GetProperty("rule").GetString()} {a.GetProperty("time").GetString()} {a.GetProperty("user").GetString()} "
            + $"{a.GetProperty("verb").GetString()} {a.GetProperty("object").GetString()} | "
            + string.Join("; ", a.GetProperty("opened").EnumerateArray().Select(o => o.GetString())))];
    }

    private const string Shop = """
        apiVersion: v1
        kind: Pod
        metadata: {name: box, namespace: shop, labels: {app: box, quarantine.example.com/hold: "yes"}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: cache, namespace: shop, labels: {app: cache}}
        spec: {containers: [{name: c, image: redis, ports: [{containerPort: 6379}]}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: cache, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: cache}}
          ingress:
          - from: [{podSelector: {matchExpressions: [{key: quarantine.example.com/hold, operator: DoesNotExist}, {key: app.kubernetes.io/part-of, operator: In, values: [store]}]}}]
            ports: [{port: 6379}]
          - from: [{podSelector: {matchLabels: {tier: trusted}}}]
        """;

    [Fact]
    public void Escaped_json_patch_label_paths_open_and_a_pair_gaining_the_rest_lists_only_what_it_gained()
    {
        var alerts = Audit(Shop,
            Event("patch", "pods", "shop", "box", at: "03:00", level: "Request",
                request: """[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1part-of","value":"store"}]"""),
            Event("patch", "pods", "shop", "box", at: "03:01", level: "Request",
                request: """[{"op":"remove","path":"/metadata/labels/quarantine.example.com~1hold"}]"""),
            Event("patch", "pods", "shop", "box", at: "03:02", level: "Request", request: """{"metadata":{"labels":{"tier":"trusted"}}}"""));
        Assert.Equal(
        [
            "label-change-opened 2024-05-01T03:01:00Z mallory patch Pod shop/box | shop/box[Pod] => shop/cache[Pod] : TCP 6379",
            "label-change-opened 2024-05-01T03:02:00Z mallory patch Pod shop/box | shop/box[Pod] => shop/cache[Pod] : SCTP 1-65535,TCP 1-6378,6380-65535,UDP 1-65535",
        ], alerts);
    }

    [Fact]
    public void An_admin_network_policy_rule_turned_from_deny_to_pass_opens_what_the_lower_tiers_allow()
    {
        const string tenants = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {tenant: a}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b, labels: {tenant: b}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p1, namespace: a, labels: {app: p1}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p2, namespace: b, labels: {app: p2}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: isolate-tenants}
            spec:
              priority: 10
              subject: {namespaces: {}}
              ingress:
              - {name: deny-tenants, action: Deny, from: [{namespaces: {matchExpressions: [{key: tenant, operator: Exists}]}}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: egress-dns, namespace: a}
            spec: {podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: 53, protocol: UDP}]}]}
            """;
        var alerts = Audit(tenants, Event("patch", "adminnetworkpolicies", null, "isolate-tenants", level: "Request",
            request: """[{"op":"replace","path":"/spec/ingress/0/action","value":"Pass"}]"""));
        Assert.Equal(
            ["network-policy-tampering 2024-05-01T03:00:00Z mallory patch AdminNetworkPolicy isolate-tenants | a/p1[Pod] => b/p2[Pod] : UDP 53; b/p2[Pod] => a/p1[Pod] : All Connections"],
            alerts);
    }

    [Fact]
    public void An_anonymous_read_of_a_namespace_by_name_is_the_namespace_not_a_collection()
    {
        var alerts = Audit(null, Event("get", "namespaces", "kube-system", "kube-system", user: "scanner", groups: ["system:unauthenticated"], level: "Metadata"));
        Assert.Equal(["anonymous-access 2024-05-01T03:00:00Z scanner get Namespace kube-system | "], alerts);
    }

    [Fact]
    public void A_service_turned_from_external_name_to_load_balancer_is_an_exposure_and_an_ingress_replaced_with_its_rules_is_not()
    {
        const string cluster = """
            apiVersion: v1
            kind: Service
            metadata: {name: ext, namespace: shop}
            spec: {type: ExternalName, externalName: example.com}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules: [{host: web.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
            """;
        var alerts = Audit(cluster,
            Event("patch", "services", "shop", "ext", level: "Request", request: """{"spec":{"type":"LoadBalancer","externalName":null,"ports":[{"port":80}]}}"""),
            Event("update", "ingresses", "shop", "web", at: "03:01", level: "Request", request: """
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"shop","annotations":{"team":"web"}},
                 "spec":{"rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
                """));
        Assert.Equal(["exposure-change 2024-05-01T03:00:00Z mallory patch Service shop/ext | "], alerts);
    }

    [Fact]
    public void A_watch_of_every_namespaces_secrets_logged_only_when_it_started_is_one_secret_access()
    {
        var alerts = Audit(null,
            Event("watch", "secrets", user: "system:serviceaccount:monitoring:agent", level: "Metadata", stage: "RequestReceived", code: null, id: "w1", query: "watch=true"),
            Event("watch", "secrets", user: "system:serviceaccount:monitoring:agent", level: "Metadata", stage: "ResponseStarted", id: "w1", query: "watch=true"));
        Assert.Equal(["secret-access 2024-05-01T03:00:00Z system:serviceaccount:monitoring:agent watch Secret */* | "], alerts);
    }
    [Fact]
    public void A_policy_replaced_without_policy_types_or_merged_into_a_narrower_selector_opens_what_it_stopped_isolating()
    {
        // web's egress stays isolated until its policy is replaced without policyTypes, which the server then defaults to Ingress.
        const string cluster = """
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: shop, labels: {app: db}}
            spec: {containers: [{name: c, image: x, ports: [{containerPort: 5432}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec: {podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: 5432}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress], ingress: [{}]}
            """;
        var alerts = Audit(cluster,
            Event("patch", "networkpolicies", "shop", "db", level: "Request", request: """{"spec":{"podSelector":{"matchLabels":{"tier":"x"}}}}"""),
            Event("update", "networkpolicies", "shop", "web", at: "03:01", level: "Request", request: """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"web","namespace":"shop"},
                 "spec":{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{}]}}
                """));
        Assert.Equal(
        [
            "network-policy-tampering 2024-05-01T03:00:00Z mallory patch NetworkPolicy shop/db | "
                + "0.0.0.0-255.255.255.255[External] => shop/db[Pod] : SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535",
            "network-policy-tampering 2024-05-01T03:01:00Z mallory update NetworkPolicy shop/web | "
                + "shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections; shop/web[Pod] => shop/db[Pod] : All Connections",
        ], alerts);
    }
}
