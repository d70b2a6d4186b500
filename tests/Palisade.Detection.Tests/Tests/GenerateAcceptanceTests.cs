using Palisade.Detection.Tests.Generation;
using Palisade.Detection.Tests.Scenarios.Definitions;
using Palisade.Detection.Tests.Scenarios.Formats;
using Palisade.Detection.Tests.Scenarios.Traffic;
using Palisade.Testing;

namespace Palisade.Detection.Tests.Tests;

/// <summary>
/// <c>palisade generate</c> on the labelled scenario, in every flow format: generated from the baseline day, applied to
/// the next day, every benign connection stays allowed and the attacks (lateral movement, egress to the internet,
/// metadata access) are denied. With the existing policies kept, one attack stays allowed whatever is generated: the
/// batch job's HTTPS to a public address, which the existing <c>batch/egress-lockdown</c> allows (NetworkPolicies only add,
/// so no generated policy can take it away); with the generated policies alone, it is denied too.
/// </summary>
public sealed class GenerateAcceptanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<GenerationScenario> Scenario = new(GenerationScenario.Build);

    public static TheoryData<string> Formats() => [.. FlowFormat.All.Select(f => f.Id)];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Generated_from_a_baseline_day_the_next_day_keeps_benign_traffic_and_denies_the_attacks(string format)
    {
        var run = GenerationRun.Measure(Scenario.Value, FlowFormat.ById(format), RepoPaths.InRepo("artifacts", "generate-acceptance", format));
        output.WriteLine($"{format}: {run.Policies} policies; benign {run.Benign - run.BenignDenied.Count}/{run.Benign} allowed; attacks {run.Attacks - run.AttacksAllowed.Count}/{run.Attacks} denied"
            + $" (generated alone: {run.Benign - run.BenignDeniedAlone.Count}/{run.Benign}, {run.Attacks - run.AttacksAllowedAlone.Count}/{run.Attacks}); control-plane probes allowed: {run.ControlPlaneAllowed.Count}");
        Assert.True(run.ExitCode == 0, run.Error + run.Report);
        Assert.Empty(run.BenignDenied.Select(Describe));
        Assert.Equal(["internet-egress batch/report-worker[Deployment] -> 203.0.113.50:443"], run.AttacksAllowed.Select(a => $"{a.Part} {Describe(a.Connection)}"));
        Assert.Empty(run.BenignDeniedAlone.Select(Describe));
        Assert.Empty(run.AttacksAllowedAlone.Select(a => $"{a.Part} {Describe(a.Connection)}"));
        Assert.Empty(run.ControlPlaneAllowed.Select(Describe));
    }

    private static string Describe(Connection c) => $"{Name(c.Src)} -> {Name(c.Dst)}:{c.DstPort}";

    private static string Name(Peer peer) => peer is PodPeer pod ? pod.Pod.Workload.AlertName : peer.ToString()!;
}
