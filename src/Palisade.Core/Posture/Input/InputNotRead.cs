using Palisade.Findings;

namespace Palisade.Posture.Input;

/// <summary>
/// A file a lenient read skipped (malformed, a template, a chart that could not be rendered): its objects are
/// missing, so every other result may be wrong about what they would have added or closed.
/// </summary>
public sealed class InputNotRead : IPostureCheck
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new("PAL001", "input-not-read", "Input could not be read", Severity.Medium, "input",
        "A file among the inputs is not a readable manifest (malformed YAML, a field of the wrong type, a template, a Helm chart or kustomize tree that could not be rendered); its objects are missing from the analysis, so the findings and connections may be wrong. --strict stops at such a file instead.")
    {
        References = [References.NsaNetworkPolicies],
    };

    /// <inheritdoc />
    public bool ReadsNetworkPolicies => false;

    /// <inheritdoc />
    public IEnumerable<Finding> Run(PostureContext context) =>
        context.Cluster.Unread.Select(u => new Finding(Info, $"File {Path.GetFileName(u.Location.File.TrimEnd('/'))}", $"{u.Location}: {u.Problem}; its objects are not analysed")
        {
            Location = u.Location,
        });
}
