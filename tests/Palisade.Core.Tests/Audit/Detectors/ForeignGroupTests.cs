using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// Resources whose names other API groups reuse: Calico's and Antrea's <c>networkpolicies</c>, Antrea's
/// <c>clusternetworkpolicies</c>, Knative's <c>services</c>. A write to another engine's network policy is still
/// tampering with network policy (named, as the contract says, by the Kind of objectRef.resource), but none of
/// them is replayed as the Kubernetes object it shares a name with: the Kubernetes policy of the same name and the
/// cluster tier stay as they were, and Palisade does not judge what another engine's policy opens.
/// </summary>
public sealed class ForeignGroupTests
{
    private const string Deny = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""";

    /// <summary>An event of <paramref name="resource"/> in <paramref name="group"/>, as AuditLines writes it for its own group.</summary>
    private static string InGroup(string line, string resource, string group, string version) =>
        line.Replace($"\"resource\":\"{resource}\"", $"\"resource\":\"{resource}\",\"apiGroup\":\"{group}\"", StringComparison.Ordinal)
            .Replace("\"apiGroup\":\"networking.k8s.io\",", "", StringComparison.Ordinal)
            .Replace("\"apiGroup\":\"policy.networking.k8s.io\",", "", StringComparison.Ordinal)
            .Replace("\"apiVersion\":\"v1alpha2\"", $"\"apiVersion\":\"{version}\"", StringComparison.Ordinal);

    [Fact]
    public void Calico_and_antrea_policies_are_tampering_but_not_replayed_as_kubernetes_policies()
    {
        const string calico = """{"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"selector":"all()","types":["Ingress"],"ingress":[{"action":"Allow"}]}}""";
        const string antrea = """{"apiVersion":"crd.antrea.io/v1beta1","kind":"ClusterNetworkPolicy","metadata":{"name":"acnp"},"spec":{"priority":5,"appliedTo":[{"podSelector":{}}],"ingress":[{"action":"Allow"}]}}""";
        var result = Run([
            InGroup(Event("update", "networkpolicies", "data", "db", request: calico, response: calico, at: "03:00"), "networkpolicies", "crd.projectcalico.org", "v1"),
            InGroup(Event("create", "clusternetworkpolicies", request: antrea, response: antrea, at: "03:01"), "clusternetworkpolicies", "crd.antrea.io", "v1beta1"),
            InGroup(Event("delete", "networkpolicies", "data", "db", at: "03:02"), "networkpolicies", "projectcalico.org", "v3"),
        ], Store(Deny));
        Assert.Equal(["network-policy-tampering NetworkPolicy data/db", "network-policy-tampering ClusterNetworkPolicy acnp", "network-policy-tampering NetworkPolicy data/db"], Raised(result));
        Assert.All(result.Alerts, a => Assert.Empty(a.Opened));
        Assert.Equal("mallory updated NetworkPolicy data/db of crd.projectcalico.org; what it opened is not judged (not a Kubernetes policy)", result.Alerts[0].Message);
        Same(Deny, result.Final.Get(Key("NetworkPolicy data/db")));
        Assert.Null(result.Final.Get(Key("ClusterNetworkPolicy acnp")));
    }

    [Fact]
    public void A_network_policy_of_the_legacy_extensions_group_is_still_one()
    {
        var result = Run([InGroup(Event("delete", "networkpolicies", "data", "db", at: "03:00"), "networkpolicies", "extensions", "v1beta1")], Store(Deny));
        Assert.Equal(["network-policy-tampering NetworkPolicy data/db"], Raised(result));
    }

    [Fact]
    public void A_calico_policy_deleted_in_a_gke_entry_leaves_the_kubernetes_policy_of_the_same_name()
    {
        const string entry = """{"protoPayload":{"authenticationInfo":{"principalEmail":"mallory@example.com"},"methodName":"org.projectcalico.crd.v1.networkpolicies.delete","resourceName":"crd.projectcalico.org/v1/namespaces/data/networkpolicies/db","serviceName":"k8s.io","status":{}},"insertId":"e1","timestamp":"2024-05-01T03:00:00Z"}""";
        var result = Run([entry], Store(Deny));
        Assert.Equal(["network-policy-tampering NetworkPolicy data/db"], Raised(result));
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy data/db")));
    }

    [Fact]
    public void A_knative_service_or_ingress_is_no_exposure()
    {
        const string knative = """{"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"hello","namespace":"shop"},"spec":{"type":"NodePort","template":{"spec":{"containers":[{"image":"hello"}]}}}}""";
        var result = Run([
            InGroup(Event("create", "services", "shop", request: knative, response: knative, at: "03:00"), "services", "serving.knative.dev", "v1"),
            InGroup(Event("create", "ingresses", "shop", "hello", level: "Metadata", at: "03:01"), "ingresses", "networking.internal.knative.dev", "v1alpha1"),
        ], Store());
        Assert.Empty(result.Alerts);
        Assert.Null(result.Final.Get(Key("Service shop/hello")));
    }

    [Fact]
    public void The_core_group_spelt_out_is_the_core_group()
    {
        const string nodePort = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""";
        var result = Run([InGroup(Event("create", "services", "shop", request: nodePort, at: "03:00"), "services", "core", "v1")], Store());
        Assert.Equal(["exposure-change Service shop/web"], Raised(result));
    }
}
