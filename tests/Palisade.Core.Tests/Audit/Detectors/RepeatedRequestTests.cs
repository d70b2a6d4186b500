using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// Requests recorded without the object's body (Request level, no <c>--cluster</c>) that set a judged field of an object
/// whose body was never seen: what they set is remembered until a write the replay cannot follow, so the same request
/// again is no new change, and a later request is judged against what is known.
/// </summary>
public sealed class RepeatedRequestTests
{
    private const string NodePort = """{"spec":{"type":"NodePort"}}""";
    private const string HostNetwork = """{"spec":{"template":{"spec":{"hostNetwork":true}}}}""";

    [Fact]
    public void A_patch_repeated_on_an_object_never_seen_raises_once()
    {
        const string external = """[{"op":"add","path":"/spec/externalIPs/-","value":"203.0.113.10"}]""";
        const string rules = """{"spec":{"rules":[{"host":"shop.example.com"}]}}""";
        const string wildcard = """{"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""";
        var result = Run([
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:01"),
            Event("patch", "services", "shop", "web", request: external, level: "Request", at: "03:02"),
            Event("patch", "services", "shop", "web", request: external, level: "Request", at: "03:03"),
            Event("patch", "ingresses", "shop", "web", request: rules, level: "Request", at: "03:04"),
            Event("patch", "ingresses", "shop", "web", request: rules, level: "Request", at: "03:05"),
            Event("patch", "clusterroles", name: "ops", request: wildcard, level: "Request", at: "03:06"),
            Event("patch", "clusterroles", name: "ops", request: wildcard, level: "Request", at: "03:07"),
            Event("patch", "daemonsets", "shop", "agent", request: HostNetwork, level: "Request", at: "03:08"),
            Event("patch", "daemonsets", "shop", "agent", request: HostNetwork, level: "Request", at: "03:09"),
        ], initial: null, complete: false);
        Assert.Equal([
            "exposure-change Service shop/api", "exposure-change Service shop/web", "exposure-change Ingress shop/web",
            "rbac-escalation ClusterRole ops", "host-network-pod DaemonSet shop/agent",
        ], Raised(result));
    }

    [Fact]
    public void A_later_request_is_judged_against_what_earlier_ones_set()
    {
        var result = Run([
            // Known as ClusterIP, then changed to NodePort, then to LoadBalancer: each change is named from what was known.
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"ClusterIP"}}""", level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:01"),
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"LoadBalancer"}}""", level: "Request", at: "03:02"),
            // Another address is news, the known one is not.
            Event("patch", "services", "shop", "web", request: """{"spec":{"externalIPs":["203.0.113.10"]}}""", level: "Request", at: "03:03"),
            Event("patch", "services", "shop", "web", request: """{"spec":{"externalIPs":["203.0.113.10","203.0.113.11"]}}""", level: "Request", at: "03:04"),
            // A template known to leave the host network that gains it again is a change again.
            Event("patch", "deployments", "shop", "web", request: HostNetwork, level: "Request", at: "03:05"),
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"spec":{"hostNetwork":false}}}}""", level: "Request", at: "03:06"),
            Event("patch", "deployments", "shop", "web", request: HostNetwork, level: "Request", at: "03:07"),
        ], initial: null, complete: false);
        Assert.Equal([
            "mallory patched Service shop/api: changed from ClusterIP to NodePort",
            "mallory patched Service shop/api: changed from NodePort to LoadBalancer",
            "mallory patched Service shop/web: externalIPs gained 203.0.113.10",
            "mallory patched Service shop/web: externalIPs gained 203.0.113.11",
            "mallory patched Deployment shop/web with its pods on the host network",
            "mallory patched Deployment shop/web with its pods on the host network",
        ], result.Alerts.Select(a => a.Message));
    }

    [Fact]
    public void A_response_after_requests_without_one_is_judged_against_what_they_set()
    {
        // The patch answered with the whole Service (RequestResponse) still finds it a NodePort: what the earlier request set.
        const string service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""";
        var result = Run([
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "api", request: """{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30080}]}}""", response: service, at: "03:01"),
        ], initial: null, complete: false);
        Assert.Equal(["mallory patched Service shop/api: now NodePort (its previous type is unknown)"], result.Alerts.Select(a => a.Message));
    }

    [Fact]
    public void A_status_write_keeps_what_is_known_a_write_without_body_forgets_it()
    {
        // The load balancer controller's status patch cannot change the spec; a patch logged at Metadata level may have.
        var result = Run([
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "api", subresource: "status", request: """{"status":{"loadBalancer":{}}}""", level: "Request",
                user: "system:serviceaccount:kube-system:service-controller", at: "03:01"),
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:02"),
            Event("patch", "services", "shop", "api", level: "Metadata", at: "03:03"),
            Event("patch", "services", "shop", "api", request: NodePort, level: "Request", at: "03:04"),
        ], initial: null, complete: false);
        Assert.Equal(["03:00", "03:04"], result.Alerts.Select(a => a.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_field_a_json_patch_removes_is_no_longer_known()
    {
        // After the remove the address may be gone: adding it again may be a gain, so it is judged as one.
        var result = Run([
            Event("patch", "services", "shop", "web", request: """[{"op":"add","path":"/spec/externalIPs","value":["203.0.113.10"]}]""", level: "Request", at: "03:00"),
            Event("patch", "services", "shop", "web", request: """[{"op":"remove","path":"/spec/externalIPs/0"}]""", level: "Request", at: "03:01"),
            Event("patch", "services", "shop", "web", request: """[{"op":"add","path":"/spec/externalIPs/-","value":"203.0.113.10"}]""", level: "Request", at: "03:02"),
        ], initial: null, complete: false);
        Assert.Equal(["03:00", "03:02"], result.Alerts.Select(a => a.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
