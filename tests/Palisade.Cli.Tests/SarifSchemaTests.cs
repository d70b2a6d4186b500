using System.Text.Json;
using Json.Schema;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>Every SARIF log palisade writes validates against the SARIF 2.1.0 schema (from the Sarif.Sdk package).</summary>
public sealed class SarifSchemaTests
{
    /// <summary>The schema, loaded once per process (the registry refuses a second registration of its id).</summary>
    internal static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json"));

    internal static void AssertValid(string sarif)
    {
        var result = Schema.Evaluate(JsonDocument.Parse(sarif).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}");
        Assert.True(result.IsValid, "SARIF does not validate: " + string.Join(" | ", errors.Take(10)));
    }

    [Fact]
    public void Lint_sarif_of_the_example_validates()
    {
        var run = CliRun.Of("lint", RepoPaths.InRepo("examples", "shop"), "-o", "sarif");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"ruleId\": \"PAL302\"", run.Output, StringComparison.Ordinal);
        AssertValid(run.Output);
    }

    [Fact]
    public void Diff_sarif_validates()
    {
        var shop = RepoPaths.InRepo("examples", "shop");
        var run = CliRun.Of("diff", Path.Combine(shop, "workloads"), shop, "-o", "sarif");
        AssertValid(run.Output);
    }

    [Fact]
    public void The_schema_rejects_a_broken_log()
    {
        var run = CliRun.Of("lint", RepoPaths.InRepo("examples", "shop"), "-o", "sarif");
        var broken = run.Output.Replace("\"level\": \"error\"", "\"level\": \"severe\"", StringComparison.Ordinal);
        Assert.NotEqual(run.Output, broken);
        Assert.False(Schema.Evaluate(JsonDocument.Parse(broken).RootElement).IsValid);
    }
}
