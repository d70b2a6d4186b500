namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// The AdminNetworkPolicy CRD installed on the real kube-apiserver after <c>palisade serve</c> started is found by its
/// discovery and watched, and no longer once deleted. (Objects of it are tested on the fake: this 1.20 server, built with
/// a newer Go, crashes on creating a custom resource.)
/// </summary>
[Collection(ServedClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ServeCrdDiscoveryTests(ServedCluster cluster)
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: adminnetworkpolicies.policy.networking.k8s.io
          annotations: {api-approved.kubernetes.io: "https://github.com/kubernetes-sigs/network-policy-api/pull/30"}
        spec:
          group: policy.networking.k8s.io
          scope: Cluster
          names: {plural: adminnetworkpolicies, singular: adminnetworkpolicy, kind: AdminNetworkPolicy, listKind: AdminNetworkPolicyList}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """;

    [Fact]
    public async Task A_crd_installed_after_the_start_is_watched_and_dropped_once_deleted()
    {
        cluster.Require();
        var watch = cluster.Server.State.Watch!;
        Assert.DoesNotContain("AdminNetworkPolicy", watch.Kinds);

        cluster.Api.Apply(Crd);
        await Wait.Until(() => watch.Kinds.Contains("AdminNetworkPolicy"), "the installed kind watched", seconds: 120);

        cluster.Api.Kubectl("delete", "crd", "adminnetworkpolicies.policy.networking.k8s.io").Ok("kubectl delete crd");
        await Wait.Until(() => !watch.Kinds.Contains("AdminNetworkPolicy"), "the deleted kind no longer watched", seconds: 120);
        Assert.Empty(cluster.Server.State.Live!.Current!.Cluster.Network.AdminPolicies);
    }
}
