using System.Text.Json;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// One duplicate rule for every kind: an object declared twice stops connectivity (exit 2, both declarations
/// named); lint keeps the later declaration and reports the pair once (PAL209), with no finding doubled; the detection
/// commands keep the later declaration with a warning, as their cluster only resolves and judges what they read.
/// </summary>
public sealed class DuplicateRuleTests
{
    public static TheoryData<string, string> Objects => new()
    {
        { "namespace", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              annotations: {net.beta.kubernetes.io/network-policy: '{"ingress": {"isolation": "DefaultDeny"}}'}
            """ },
        { "deployment", Workload("apps/v1", "Deployment", "template") },
        { "replicaset", Workload("apps/v1", "ReplicaSet", "template") },
        { "statefulset", Workload("apps/v1", "StatefulSet", "template") },
        { "daemonset", Workload("apps/v1", "DaemonSet", "template") },
        { "job", Workload("batch/v1", "Job", "template") },
        { "cronjob", Workload("batch/v1", "CronJob", "jobTemplate: {spec: {template") },
        { "replicationcontroller", Workload("v1", "ReplicationController", "template", "{app: agent}") },
        { "pod", """
            apiVersion: v1
            kind: Pod
            metadata: {name: agent, namespace: shop, labels: {app: agent}}
            spec:
              hostNetwork: true
              containers: [{name: agent, ports: [{containerPort: 9100, hostPort: 9100}]}]
            """ },
        { "service", """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
            """ },
        { "networkpolicy", """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: shop}
            spec: {podSelector: {matchLabels: {app: nothing}}, ingress: [{}]}
            """ },
        { "adminnetworkpolicy", """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: allow-monitoring}
            spec:
              priority: 10
              subject: {namespaces: {}}
              ingress: [{action: Allow, from: [{namespaces: {matchLabels: {team: sre}}}]}]
            """ },
        { "baselineadminnetworkpolicy", """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress: [{action: Deny, from: [{namespaces: {}}]}]
            """ },
        { "ingress", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
            """ },
        { "route", """
            apiVersion: route.openshift.io/v1
            kind: Route
            metadata: {name: web, namespace: shop}
            spec: {to: {kind: Service, name: web}}
            """ },
        { "role", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: editor, namespace: shop}
            rules: [{apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: ["*"]}]
            """ },
        { "clusterrole", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: everything}
            rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
            """ },
        { "rolebinding", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: devs-edit, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
            subjects: [{kind: Group, name: devs}]
            """ },
        { "clusterrolebinding", """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: User, name: ops}]
            """ },
        { "peerauthentication", """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: DISABLE}}
            """ },
        { "destinationrule", """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: web, namespace: shop}
            spec: {host: web.shop.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}
            """ },
        { "authorizationpolicy", """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-all, namespace: shop}
            spec: {rules: [{}]}
            """ },
        { "serviceaccount", """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: deployer, namespace: shop}
            """ },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Connectivity_rejects_an_object_declared_twice_naming_both(string family, string yaml)
    {
        var secondLine = yaml.Split('\n').Length + 2;
        var run = CliRun.WithInput(Twice(yaml), "connectivity", "-");
        Assert.True(run.ExitCode == 2, $"{family}: exit {run.ExitCode}, {run.Error}");
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: <stdin>:{secondLine}:1: ", error);
        Assert.Contains("declared twice (first at <stdin>:1:1)", error);
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Lint_reports_an_object_declared_twice_once_and_doubles_no_finding(string family, string yaml)
    {
        var once = Findings(yaml);
        var twice = Findings(Twice(yaml));
        Assert.Equal(0, once.Count(f => f.Id == "PAL209"));
        Assert.Equal(1, twice.Count(f => f.Id == "PAL209"));
        Assert.True(once.SequenceEqual(twice.Where(f => f.Id != "PAL209")),
            $"{family}: once [{string.Join("; ", once)}], twice [{string.Join("; ", twice)}]");
    }

    [Fact]
    public void The_objects_raise_findings_of_their_own() =>
        Assert.True(Objects.Count(row => Findings((string)row.Data.Item2).Any()) >= 15);

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c}]}
        status: {podIP: 10.0.0.5}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: c}]}
        status: {podIP: 10.0.0.6}

        """;

    [Fact]
    public void Flows_check_keeps_the_later_declaration_with_a_warning()
    {
        using var dir = new TempDirectory();
        var cluster = dir.File("cluster.yaml");
        File.WriteAllText(cluster, Cluster);
        var flows = dir.File("flows.csv");
        File.WriteAllText(flows, "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-01-01T00:00:00Z,10.0.0.6,40000,169.254.169.254,80,TCP,10,FORWARDED\n");
        var run = CliRun.Of("flows", "check", flows, "--cluster", cluster, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"src\": \"shop/web[Pod]\"", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{cluster}:15:1: Pod shop/web: also declared at {cluster}:5:1; the later declaration is used", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{cluster}:11:1: Namespace shop: also declared at {cluster}:1:1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_keeps_the_later_declaration_with_a_warning()
    {
        using var dir = new TempDirectory();
        var cluster = dir.File("cluster.yaml");
        File.WriteAllText(cluster, Cluster);
        var log = dir.File("audit.log");
        File.WriteAllText(log, """{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/shop/pods/web/exec","verb":"create","user":{"username":"alice"},"objectRef":{"resource":"pods","namespace":"shop","name":"web","subresource":"exec"},"responseStatus":{"code":101},"requestReceivedTimestamp":"2024-01-01T00:00:00.000000Z"}""" + "\n");
        var run = CliRun.Of("audit", log, "--cluster", cluster, "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"rule\": \"exec\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("the later declaration is used", run.Error, StringComparison.Ordinal);
    }

    private static string Twice(string yaml) => $"{yaml}\n---\n{yaml}\n";

    private static (string Id, string Subject)[] Findings(string yaml)
    {
        var run = CliRun.WithInput(yaml, "lint", "-", "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("id").GetString()!, Subject(f.GetProperty("resource"))))
            .ToArray();
    }

    private static string Subject(JsonElement resource) =>
        $"{resource.GetProperty("kind").GetString()} {(resource.TryGetProperty("namespace", out var ns) ? ns.GetString() + "/" : "")}{resource.GetProperty("name").GetString()}";

    private static string Workload(string apiVersion, string kind, string templateField, string selector = "{matchLabels: {app: agent}}")
    {
        var closing = templateField.Contains('{') ? "}}" : "";
        return $$$"""
            apiVersion: {{{apiVersion}}}
            kind: {{{kind}}}
            metadata: {name: agent, namespace: shop}
            spec:
              selector: {{{selector}}}
              {{{templateField}}}: {metadata: {labels: {app: agent}}, spec: {hostNetwork: true, containers: [{name: agent, ports: [{containerPort: 9100, hostPort: 9100}]}]}}{{{closing}}}
            """;
    }
}
