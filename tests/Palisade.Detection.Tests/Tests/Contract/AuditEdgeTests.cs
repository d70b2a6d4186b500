using System.Text.Json;
using Palisade.Testing;
using static Palisade.Testing.AuditLines;

namespace Palisade.Detection.Tests.Tests.Contract;

/// <summary>
/// Hand-written cases at the edges of the audit half of the Detection contract: <c>object</c> is
/// <c>Kind ns/name</c> with the Kind of <c>objectRef.resource</c>, for built-in resources of every API group.
/// </summary>
public sealed class AuditEdgeTests
{
    private static IReadOnlyList<string> Objects(params string[] lines)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("audit.jsonl"), Log(lines));
        var run = CliRun.Of("audit", dir.File("audit.jsonl"), "-o", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var output = JsonDocument.Parse(run.Output);
        return [.. output.RootElement.GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("rule").GetString()} {a.GetProperty("object").GetString()}")];
    }

    [Theory]
    [InlineData("csinodes", null, "CSINode node-1")]
    [InlineData("volumeattachments", null, "VolumeAttachment node-1")]
    [InlineData("runtimeclasses", null, "RuntimeClass node-1")]
    [InlineData("flowschemas", null, "FlowSchema node-1")]
    [InlineData("ipaddresses", null, "IPAddress node-1")]
    [InlineData("servicecidrs", null, "ServiceCIDR node-1")]
    [InlineData("validatingadmissionpolicies", null, "ValidatingAdmissionPolicy node-1")]
    [InlineData("csistoragecapacities", "shop", "CSIStorageCapacity shop/node-1")]
    [InlineData("resourceclaims", "shop", "ResourceClaim shop/node-1")]
    public void An_anonymous_read_names_the_resources_kind_as_Kubernetes_spells_it(string resource, string? ns, string expected)
    {
        var objects = Objects(Event("get", resource, ns, "node-1", user: "system:anonymous", groups: ["system:unauthenticated"]));
        Assert.Equal(["anonymous-access " + expected], objects);
    }
}
