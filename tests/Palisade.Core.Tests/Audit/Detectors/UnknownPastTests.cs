using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// The rules that judge a change (exposure-change, host-network-pod, rbac-escalation: "created as or changed to",
/// "gains", "created or changed to") on writes whose object was not known before them: a log replayed without
/// <c>--cluster</c>, or an object the given cluster lacks. A status write cannot change the spec, and a patch that does
/// not touch the judged fields did not change them, whatever the object now holds; only the rest is reported with its
/// past unknown.
/// </summary>
public sealed class UnknownPastTests
{
    private const string Lb = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop","labels":{"team":"web"}},"spec":{"type":"LoadBalancer","ports":[{"port":80}]},"status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.4"}]}}}""";
    private const string NodePort = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop","labels":{"team":"web"}},"spec":{"type":"NodePort","externalIPs":["203.0.113.9"],"ports":[{"port":80,"nodePort":30080}]}}""";
    private const string Ingress = """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"shop","annotations":{"a":"b"}},"spec":{"rules":[{"host":"shop.example.com"}],"tls":[{"secretName":"shop-cert"}]},"status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.5"}]}}}""";
    private const string Agent = """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"node-exporter","namespace":"monitoring"},"spec":{"selector":{"matchLabels":{"app":"node-exporter"}},"template":{"metadata":{"labels":{"app":"node-exporter"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T03:00:00Z"}},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"prom/node-exporter"}]}}}}""";
    private const string Powerful = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"ops","labels":{"team":"ops"}},"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""";
    private const string AdminBinding = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"ops-admin","labels":{"team":"ops"}},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"Group","name":"ops"}]}""";
    private const string HostPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"netdebug","namespace":"shop","labels":{"app":"netdebug","x":"y"}},"spec":{"hostNetwork":true,"containers":[{"name":"c","image":"busybox"}]}}""";

    [Fact]
    public void Status_writes_by_the_controllers_raise_nothing_from_an_unknown_past()
    {
        var deployment = Agent.Replace("DaemonSet", "Deployment", StringComparison.Ordinal);
        var result = Run([
            Event("update", "services", "shop", "web", subresource: "status", request: Lb, response: Lb, user: "system:serviceaccount:kube-system:service-controller", at: "03:00"),
            Event("update", "ingresses", "shop", "web", subresource: "status", request: Ingress, response: Ingress, user: "system:serviceaccount:ingress-nginx:ingress-nginx", at: "03:01"),
            Event("update", "deployments", "monitoring", "node-exporter", subresource: "status", request: deployment, response: deployment, user: "system:serviceaccount:kube-system:deployment-controller", at: "03:02"),
            Event("patch", "daemonsets", "monitoring", "node-exporter", subresource: "status", request: """{"status":{"numberReady":3}}""", response: Agent, user: "system:serviceaccount:kube-system:daemon-set-controller", at: "03:03"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Patches_that_leave_the_judged_fields_alone_raise_nothing_from_an_unknown_past()
    {
        var result = Run([
            // kubectl label, kubectl annotate, kubectl rollout restart: the response shows what the object already was.
            Event("patch", "services", "shop", "api", request: """{"metadata":{"labels":{"team":"shop"}}}""", response: NodePort, at: "03:00"),
            Event("patch", "services", "shop", "api", request: """[{"op":"replace","path":"/metadata/labels/team","value":"shop"}]""", response: NodePort, at: "03:01"),
            Event("patch", "ingresses", "shop", "web", request: """{"metadata":{"annotations":{"a":"c"}}}""", response: Ingress, at: "03:02"),
            Event("patch", "daemonsets", "monitoring", "node-exporter", request: """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2024-05-01T03:00:00Z"}}}}}""", response: Agent, at: "03:03"),
            Event("patch", "clusterroles", name: "ops", request: """{"metadata":{"labels":{"team":"ops"}}}""", response: Powerful, at: "03:04"),
            Event("patch", "clusterrolebindings", name: "ops-admin", request: """{"metadata":{"labels":{"team":"ops"}}}""", response: AdminBinding, at: "03:05"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Patches_that_set_the_judged_fields_are_reported_from_an_unknown_past()
    {
        var result = Run([
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"NodePort"}}""", response: NodePort, at: "03:00"),
            Event("patch", "ingresses", "shop", "web", request: """[{"op":"add","path":"/spec/tls/0","value":{"secretName":"shop-cert"}}]""", response: Ingress, at: "03:01"),
            Event("patch", "daemonsets", "monitoring", "node-exporter", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", response: Agent, at: "03:02"),
            Event("patch", "clusterroles", name: "ops", request: """{"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""", response: Powerful, at: "03:03"),
            Event("patch", "clusterrolebindings", name: "ops-admin", request: """[{"op":"add","path":"/subjects/-","value":{"kind":"Group","name":"ops"}}]""", response: AdminBinding, at: "03:04"),
            // A JSON Patch replacing the whole spec touches everything under it.
            Event("patch", "services", "shop", "web", request: """[{"op":"replace","path":"/spec","value":{"type":"LoadBalancer","ports":[{"port":80}]}}]""", response: Lb, at: "03:05"),
        ], initial: null, complete: false);
        Assert.Equal([
            "exposure-change Service shop/api", "exposure-change Ingress shop/web", "host-network-pod DaemonSet monitoring/node-exporter",
            "rbac-escalation ClusterRole ops", "rbac-escalation ClusterRoleBinding ops-admin", "exposure-change Service shop/web",
        ], Raised(result));
    }

    [Fact]
    public void Patches_recorded_without_their_response_are_judged_on_what_they_set()
    {
        // Request level (the recommended policies' level for writes) and no --cluster: the object's body is unknown after
        // the patch, but what the patch sets is known, and it is what the rules ask about.
        var result = Run([
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"NodePort"}}""", level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "web", request: """[{"op":"add","path":"/spec/externalIPs","value":["203.0.113.9"]}]""", level: "Request", at: "03:01"),
            Event("patch", "services", "shop", "db", request: """[{"op":"add","path":"/spec/externalIPs/-","value":"203.0.113.10"}]""", level: "Request", at: "03:02"),
            Event("patch", "ingresses", "shop", "web", request: """{"spec":{"rules":[{"host":"shop.example.com"}]}}""", level: "Request", at: "03:03"),
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""", level: "Request", at: "03:04"),
            Event("patch", "cronjobs", "shop", "sync", request: """[{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/hostNetwork","value":true}]""", level: "Request", at: "03:05"),
            Event("patch", "clusterroles", name: "ops", request: """[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["pods"],"verbs":["*"]}}]""", level: "Request", at: "03:06"),
            Event("patch", "roles", "shop", "netadmin", request: """{"rules":[{"apiGroups":["networking.k8s.io"],"resources":["networkpolicies"],"verbs":["patch"]}]}""", level: "Request", at: "03:07"),
        ], initial: null, complete: false);
        Assert.Equal([
            "exposure-change Service shop/api", "exposure-change Service shop/web", "exposure-change Service shop/db", "exposure-change Ingress shop/web",
            "host-network-pod Deployment shop/web", "host-network-pod CronJob shop/sync", "rbac-escalation ClusterRole ops", "rbac-escalation Role shop/netadmin",
        ], Raised(result));
        Assert.Equal("mallory patched Service shop/api: now NodePort (its previous type is unknown)", result.Alerts[0].Message);
        Assert.Equal("mallory patched Service shop/db: externalIPs gained 203.0.113.10", result.Alerts[2].Message);
        Assert.Equal("mallory patched ClusterRole ops: grants every verb (*)", result.Alerts[6].Message);
        Assert.Equal("mallory patched Role shop/netadmin: grants write access to networkpolicies", result.Alerts[7].Message);
    }

    [Fact]
    public void Patches_recorded_without_their_response_that_set_nothing_judged_raise_nothing()
    {
        var result = Run([
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"ClusterIP"},"metadata":{"labels":{"a":"b"}}}""", level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "web", request: """[{"op":"remove","path":"/spec/externalIPs/0"}]""", level: "Request", at: "03:01"),
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":false}}}}""", level: "Request", at: "03:02"),
            Event("patch", "clusterroles", name: "ops", request: """{"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""", level: "Request", at: "03:03"),
            // A subject added to a binding whose role is unknown binds an unknown role.
            Event("patch", "clusterrolebindings", name: "ops", request: """[{"op":"add","path":"/subjects/-","value":{"kind":"User","name":"eve"}}]""", level: "Request", at: "03:04"),
            Event("patch", "ingresses", "shop", "web", request: """{"metadata":{"annotations":{"a":"b"}}}""", level: "Request", at: "03:05"),
        ], initial: null, complete: false);
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void A_patch_that_does_not_apply_to_the_replayed_body_is_judged_on_what_it_sets()
    {
        // The dump is older than the log: the Service has no externalIPs there, so replacing the first one does not apply.
        var result = Run([Event("patch", "services", "shop", "api", request: """[{"op":"replace","path":"/spec/externalIPs/0","value":"203.0.113.11"}]""", level: "Request")],
            Store("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"ports":[{"port":80}]}}"""));
        Assert.Equal("mallory patched Service shop/api: externalIPs gained 203.0.113.11", Assert.Single(result.Alerts).Message);
    }

    [Fact]
    public void A_successful_patch_or_update_of_an_object_the_cluster_lacks_did_not_create_it()
    {
        // --cluster was given but holds none of these (a dump of the network objects only): a patch answered 200 proves
        // the object existed, so it is not "created as" anything, and a pod patched is not a pod created.
        var result = Run([
            Event("patch", "pods", "shop", "netdebug", request: """{"metadata":{"labels":{"x":"y"}}}""", response: HostPod, at: "03:00"),
            Event("patch", "services", "shop", "api", request: """{"metadata":{"labels":{"team":"web"}}}""", response: NodePort, at: "03:01"),
            Event("patch", "clusterroles", name: "ops", request: """{"metadata":{"labels":{"team":"ops"}}}""", response: Powerful, at: "03:02"),
        ], Store());
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void An_update_answered_201_created_the_object()
    {
        // RBAC objects may be created by update (a reconciler's PUT); the API server then answers 201 Created.
        var result = Run([Event("update", "clusterroles", name: "ops", request: Powerful, response: Powerful, code: 201, at: "03:00")], Store());
        Assert.Equal("mallory updated ClusterRole ops: grants every API group (*); every resource (*); every verb (*)", Assert.Single(result.Alerts).Message);
    }
}
