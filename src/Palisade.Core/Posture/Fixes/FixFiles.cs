using Palisade.Findings;
using Palisade.Model.Changes;

namespace Palisade.Posture.Fixes;

/// <summary>
/// The proven fixes as files for <c>lint --fix-dir</c>: each NetworkPolicy in <c>NAMESPACE/NAME.yaml</c> (a policy
/// several fixes share is written once), every other fix (patches, commands, other manifests) in
/// <c>other/ID-OBJECT.txt</c>, which manifest readers skip. Applying the directory (<c>kubectl apply -R -f DIR/NS</c>)
/// applies the policy fixes.
/// </summary>
public static class FixFiles
{
    /// <summary>Relative path and text of each file; throws when two fixes want one file with different contents.</summary>
    public static IReadOnlyList<(string Path, string Text)> Of(FindingsResult result)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var finding in result.Findings.Where(f => f.Fix is not null))
        {
            if (finding.FixChange is ApplyPolicies apply)
            {
                var comments = finding.Fix!.Split('\n').TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' '));
                foreach (var policy in apply.Policies)
                    Add(files, $"{policy.Namespace}/{policy.Name}.yaml", PolicyYaml.Write(comments, [policy]));
            }
            else
            {
                var name = Safe($"{finding.Rule.Id}-{finding.Subject}");
                Add(files, $"other/{name}.txt", $"# {finding.Rule.Id} on {finding.Subject}\n{finding.Fix}");
            }
        }
        return files.Select(f => (f.Key, f.Value)).ToArray();
    }

    private static void Add(SortedDictionary<string, string> files, string path, string text)
    {
        if (files.TryGetValue(path, out var existing) && existing != text && !SameManifest(existing, text))
            throw new InvalidOperationException($"two fixes write {path} differently");
        files.TryAdd(path, text);
    }

    // The comment lines differ with the finding; the manifest is what must agree.
    private static bool SameManifest(string a, string b) => Strip(a) == Strip(b);

    private static string Strip(string text) => string.Join('\n', text.Split('\n').Where(l => !l.StartsWith('#')));

    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
}
