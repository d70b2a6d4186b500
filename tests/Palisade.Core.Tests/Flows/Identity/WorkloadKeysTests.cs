using Palisade.Flows.Identity;
using Palisade.Labels;
using Palisade.Model;

namespace Palisade.Core.Tests.Flows.Identity;

/// <summary>How a baseline keys a pod's workload when a dump without controllers leaves a ReplicaSet or Job as its top owner.</summary>
public sealed class WorkloadKeysTests
{
    private static Pod PodOf(string kind, string owner, params (string Key, string Value)[] labels) =>
        new("shop", owner + "-x7k2p", LabelSet.From(labels.ToDictionary(l => l.Key, l => l.Value)), new WorkloadRef("shop", owner, kind));

    [Theory]
    [InlineData("ReplicaSet", "web-7c9d8f", "7c9d8f", "shop/web[Deployment]")]
    [InlineData("ReplicaSet", "web-api-7c9d8f", "7c9d8f", "shop/web-api[Deployment]")]
    [InlineData("ReplicaSet", "web-7c9d8f", "5b6c7d", "shop/web-7c9d8f[ReplicaSet]")]
    [InlineData("ReplicaSet", "7c9d8f", "7c9d8f", "shop/7c9d8f[ReplicaSet]")]
    [InlineData("ReplicaSet", "legacy", null, "shop/legacy[ReplicaSet]")]
    [InlineData("ReplicaSet", "web-7c9d8f", null, "shop/web[Deployment]")]
    [InlineData("ReplicaSet", "web-canary", null, "shop/web-canary[ReplicaSet]")]
    [InlineData("Deployment", "web", "7c9d8f", "shop/web[Deployment]")]
    public void A_replicaset_is_its_deployment_when_its_pods_template_hash_or_a_hash_without_the_label_ends_its_name(string kind, string owner, string? hash, string expected)
    {
        var pod = hash is null ? PodOf(kind, owner) : PodOf(kind, owner, ("pod-template-hash", hash));
        Assert.Equal(expected, WorkloadKeys.Of(pod));
    }

    [Theory]
    [InlineData("backup-28571040", "shop/backup[CronJob]")]
    [InlineData("db-backup-28572480", "shop/db-backup[CronJob]")]
    [InlineData("migrate-1", "shop/migrate-1[Job]")]
    [InlineData("migrate-2857104", "shop/migrate-2857104[Job]")]
    [InlineData("report-2024050x", "shop/report-2024050x[Job]")]
    [InlineData("28571040", "shop/28571040[Job]")]
    public void A_job_named_by_a_scheduled_time_in_minutes_is_its_cronjob(string job, string expected) =>
        Assert.Equal(expected, WorkloadKeys.Of(PodOf("Job", job, ("job-name", job))));
}
