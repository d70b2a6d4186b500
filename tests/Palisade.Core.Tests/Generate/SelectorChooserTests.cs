using Palisade.Generate.Building;
using Palisade.Model;

namespace Palisade.Core.Tests.Generate;

/// <summary>Selectors name a workload's pods by their stable labels, and only them.</summary>
public sealed class SelectorChooserTests
{
    private static WorkloadSelector Choose(GenCluster cluster, string ns, string name, string kind = "Deployment") =>
        new SelectorChooser(cluster.ToCluster().Network).For(new WorkloadRef(ns, name, kind))!;

    [Fact]
    public void The_name_label_is_preferred_and_controller_labels_are_never_used()
    {
        var cluster = new GenCluster().Workload("a/web", "app.kubernetes.io/name=web,app=web-legacy,version=v1", "", "10.0.0.1", "10.0.0.2");
        Assert.Equal("app.kubernetes.io/name=web", Choose(cluster, "a", "web").Selector.ToString());
    }

    [Fact]
    public void Labels_are_added_while_another_workloads_pods_would_still_match()
    {
        var cluster = new GenCluster()
            .Workload("a/api", "app=api,tier=backend,team=x", "", "10.0.0.1")
            .Workload("a/worker", "app=api,tier=worker,team=x", "", "10.0.0.2");
        Assert.Equal("app=api,tier=backend", Choose(cluster, "a", "api").Selector.ToString());
    }

    [Fact]
    public void Pods_whose_labels_are_a_superset_are_excluded_by_a_term_they_fail()
    {
        var cluster = new GenCluster()
            .Workload("a/api", "app=api", "", "10.0.0.1")
            .Workload("a/canary", "app=api,track=canary", "", "10.0.0.2");
        Assert.Equal("app=api,!track", Choose(cluster, "a", "api").Selector.ToString());
    }

    [Fact]
    public void Workloads_with_the_same_stable_labels_are_reported_as_sharing_the_selector()
    {
        var cluster = new GenCluster()
            .Workload("a/blue", "app=shop", "", "10.0.0.1")
            .Owned("a/green", "StatefulSet", "app=shop", "", false, "10.0.0.2");
        var chosen = Choose(cluster, "a", "blue");
        Assert.Equal("app=shop", chosen.Selector.ToString());
        Assert.Equal([new WorkloadRef("a", "green", "StatefulSet")], chosen.SharedWith);
    }

    [Fact]
    public void Labels_that_differ_between_replicas_and_per_pod_labels_are_left_out()
    {
        var cluster = new GenCluster().Owned("a/db", "StatefulSet", "app=db,zone=z1", "", false, "10.0.0.1").Owned("a/db", "StatefulSet", "app=db,zone=z2", "", false, "10.0.0.2");
        var chooser = new SelectorChooser(cluster.ToCluster().Network);
        Assert.Equal("app=db", chooser.For(new WorkloadRef("a", "db", "StatefulSet"))!.Selector.ToString());
        Assert.Empty(SelectorChooser.Stable(Support.Build.Labels("statefulset.kubernetes.io/pod-name=db-0,controller-revision-hash=1,pod-template-generation=2,job-name=x")));
    }

    [Fact]
    public void Other_namespaces_and_host_network_pods_do_not_count()
    {
        var cluster = new GenCluster()
            .Workload("a/web", "app=web,tier=front", "", "10.0.0.1")
            .Workload("b/web", "app=web,tier=back", "", "10.0.0.2")
            .Owned("a/agent", "DaemonSet", "app=web", "", true, "10.1.0.1");
        var chosen = Choose(cluster, "a", "web");
        Assert.Equal("app=web", chosen.Selector.ToString());
        Assert.Empty(chosen.SharedWith);
        Assert.Null(new SelectorChooser(cluster.ToCluster().Network).For(new WorkloadRef("a", "agent", "DaemonSet")));
    }
}
