using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>np-guard's exposure-analysis cases (exposure column true, no focus options), txt and json.</summary>
public sealed class ExposureConformanceTests
{
    private const string SymbolicPerRule =
        "np-guard gives a representative only the connections of rules with the same selector; Palisade evaluates a pod that satisfies the selector against every rule, so overlapping rules add up (a pod lacking a key is matched by both DoesNotExist and NotIn)";

    private const string NamedPortsToRepresentatives =
        "np-guard prints an unresolved named port (TCP http) towards a representative; Palisade resolves named ports on the destination pod only, and a pod that does not exist declares none";

    /// <summary>Cases where Palisade deliberately differs (docs/semantics.md, "Exposure analysis").</summary>
    public static readonly IReadOnlyDictionary<string, string> DeliberateDifferences = new Dictionary<string, string>
    {
        ["exposure_test_different_but_equiv_rules"] = SymbolicPerRule,
        ["exposure_test_real_namespace_without_real_pod"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_1"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_2"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_2_with_matching_pod"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_3"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_3_with_matching_pod"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_4"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_4_with_matching_pods"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_5"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_5_with_matching_pods"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_6"] = SymbolicPerRule,
        ["exposure_test_with_different_rules_6_with_matching_pods"] = SymbolicPerRule,
        ["exposure_test_with_match_expression_does_not_exist_op"] = SymbolicPerRule,
        ["exposure_test_with_match_expression_does_not_exist_op_with_matching_pods"] = SymbolicPerRule,
        ["exposure_test_with_match_expression_not_in_op"] = SymbolicPerRule,
        ["exposure_test_with_match_expression_not_in_op_with_matching_pods"] = SymbolicPerRule,
        ["exposure_test_with_multiple_policies_2"] = "np-guard spells two equivalent selectors the way the later policy writes them; Palisade keeps the first",
        ["exposure_test_egress_to_entire_cluster_with_named_ports"] = NamedPortsToRepresentatives,
        ["exposure_test_egress_with_named_port"] = NamedPortsToRepresentatives,
        ["exposure_test_egress_with_named_port_with_matching_pod"] = NamedPortsToRepresentatives,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)", "txt");
            return data;
        }
        var root = Path.Combine(RepoPaths.CorpusRoot, "np-guard");
        foreach (var line in File.ReadLines(Path.Combine(root, "connlist-cases.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 8 || cells[6] != "true" || cells[2] != "" || cells[3] != "" || cells[4] != "" || cells[5] != "" ||
                DeliberateDifferences.ContainsKey(cells[0]) || ConnlistCases.UsesUnsupportedKinds(Path.Combine(root, "tests", cells[0])))
                continue;
            var formats = cells[1] switch
            {
                "" => new[] { "txt", "json" },
                "output.DefaultFormat" => ["txt"],
                var listed => listed.Split(',').Where(f => f is "txt" or "json").ToArray(),
            };
            foreach (var format in formats)
            {
                if (File.Exists(Path.Combine(root, "expected", "connlist", $"{cells[0]}_exposure_output.{format}")))
                    data.Add(cells[0], format);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exposure_matches_np_guard_golden(string dir, string format)
    {
        var input = RepoPaths.Corpus("np-guard", "tests", dir);
        var golden = RepoPaths.Corpus("np-guard", "expected", "connlist", $"{dir}_exposure_output.{format}");

        var run = CliRun.Of("connectivity", input, "--np-guard", "--exposure", "-o", format);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Equal(File.ReadAllText(golden), run.Output);
    }
}
