using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Detectors;

/// <summary>
/// Resources whose names other API groups reuse: Calico's and Antrea's <c>networkpolicies</c>, Antrea's
/// <c>clusternetworkpolicies</c>, Knative's <c>services</c>. They are not the contract's NetworkPolicy, cluster tiers
/// (policy.networking.k8s.io) or Service, so they raise none of their rules and are not replayed as them.
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
    public void Calico_and_antrea_policies_are_not_network_policy_tampering_nor_replayed_as_one()
    {
        const string calico = """{"apiVersion":"crd.projectcalico.org/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data"},"spec":{"selector":"all()","types":["Ingress"],"ingress":[{"action":"Allow"}]}}""";
        const string antrea = """{"apiVersion":"crd.antrea.io/v1beta1","kind":"ClusterNetworkPolicy","metadata":{"name":"acnp"},"spec":{"priority":5,"appliedTo":[{"podSelector":{}}],"ingress":[{"action":"Allow"}]}}""";
        var result = Run([
            InGroup(Event("update", "networkpolicies", "data", "db", request: calico, response: calico, at: "03:00"), "networkpolicies", "crd.projectcalico.org", "v1"),
            InGroup(Event("create", "clusternetworkpolicies", request: antrea, response: antrea, at: "03:01"), "clusternetworkpolicies", "crd.antrea.io", "v1beta1"),
            InGroup(Event("delete", "networkpolicies", "data", "db", at: "03:02"), "networkpolicies", "projectcalico.org", "v3"),
        ], Store(Deny));
        Assert.Empty(result.Alerts);
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
    public void A_calico_policy_write_in_a_gke_entry_is_not_tampering()
    {
        const string entry = """{"protoPayload":{"authenticationInfo":{"principalEmail":"mallory@example.com"},"methodName":"org.projectcalico.crd.v1.networkpolicies.delete","resourceName":"crd.projectcalico.org/v1/namespaces/data/networkpolicies/db","serviceName":"k8s.io","status":{}},"insertId":"e1","timestamp":"2024-05-01T03:00:00Z"}""";
        var result = Run([entry], Store(Deny));
        Assert.Empty(result.Alerts);
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy data/db")));
    }

    [Fact]
    public void A_knative_service_is_no_exposure_and_a_secrets_resource_of_another_group_no_secret_access()
    {
        const string knative = """{"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"hello","namespace":"shop"},"spec":{"type":"NodePort","template":{"spec":{"containers":[{"image":"hello"}]}}}}""";
        var result = Run([
            InGroup(Event("create", "services", "shop", request: knative, response: knative, at: "03:00"), "services", "serving.knative.dev", "v1"),
            InGroup(Event("list", "secrets", "kube-system", at: "03:01"), "secrets", "secrets-store.csi.x-k8s.io", "v1"),
        ], Store());
        Assert.Empty(result.Alerts);
        Assert.Null(result.Final.Get(Key("Service shop/hello")));
    }
}
