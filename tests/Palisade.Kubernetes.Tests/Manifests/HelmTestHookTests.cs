namespace Palisade.Kubernetes.Tests.Manifests;

/// <summary>Objects of a chart's tests (`helm.sh/hook: test`) exist only while `helm test` runs: they are not part of the release.</summary>
public sealed class HelmTestHookTests
{
    private const string Chart = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: a}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-test-connection
          namespace: a
          annotations: {"helm.sh/hook": test}
        spec: {containers: [{name: wget, image: busybox}], restartPolicy: Never}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: web-smoke
          namespace: a
          annotations: {"helm.sh/hook": "test-success,post-upgrade"}
        spec:
          template:
            spec: {containers: [{name: curl, image: curl}], restartPolicy: Never}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: web-migrate
          namespace: a
          annotations: {"helm.sh/hook": pre-upgrade}
        spec:
          template:
            spec: {containers: [{name: migrate, image: app}], restartPolicy: Never}
        """;

    [Fact]
    public void Helm_test_hooks_are_ignored_and_other_hooks_kept()
    {
        var loaded = Load.Cluster(Chart);
        Assert.Equal(["web", "web-migrate"], loaded.Cluster.Network.Pods.Select(p => p.Owner.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Job web-smoke", "Pod web-test-connection"],
            loaded.Ignored.Where(i => i.Reason.Contains("helm test", StringComparison.Ordinal)).Select(i => $"{i.Kind} {i.Name}").Order(StringComparer.Ordinal));
    }
}
