using Palisade.Model;

namespace Palisade.Core.Tests.Model;

/// <summary>Reading back how a Deployment names its ReplicaSets and a CronJob its Jobs.</summary>
public sealed class ControllerNamingTests
{
    [Theory]
    [InlineData("ReplicaSet", "web-5d4f8b7c9f", null, "ns/web[Deployment]")]
    [InlineData("ReplicaSet", "web-7", null, "ns/web[Deployment]")]
    [InlineData("ReplicaSet", "web-api-66b6c48dd5", "66b6c48dd5", "ns/web-api[Deployment]")]
    [InlineData("ReplicaSet", "web-canary", null, null)]
    [InlineData("ReplicaSet", "web-5d4f8b7c9fx", null, null)]
    [InlineData("ReplicaSet", "web-5d4f8b7c9f", "7c9d8f", null)]
    [InlineData("ReplicaSet", "5d4f8b7c9f", null, null)]
    [InlineData("ReplicaSet", "web-", null, null)]
    [InlineData("Job", "backup-28571040", null, "ns/backup[CronJob]")]
    [InlineData("Job", "backup-2857104", null, null)]
    [InlineData("Job", "backup-manual", null, null)]
    [InlineData("StatefulSet", "db-28571040", null, null)]
    public void The_maker_is_the_name_less_its_hash_or_minute(string kind, string name, string? hash, string? expected) =>
        Assert.Equal(expected, ControllerNaming.MakerOf(new WorkloadRef("ns", name, kind), hash)?.ToString());
}
