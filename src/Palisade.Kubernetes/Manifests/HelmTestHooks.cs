using k8s;
using k8s.Models;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Objects of a chart's tests (<c>helm.sh/hook: test</c>, Helm 2's <c>test-success</c> and <c>test-failure</c>):
/// <c>helm template</c> renders them, but Helm creates them only while <c>helm test</c> runs, so they are not
/// part of what the release runs; they are ignored (<c>-v</c> lists them). Other hooks (migrations) do run.
/// </summary>
internal static class HelmTestHooks
{
    private const string Reason = "a Helm test hook (helm.sh/hook), created only while helm test runs";

    /// <summary>The read with the test hooks moved from its objects to its ignored objects.</summary>
    public static ManifestReadResult Without(ManifestReadResult read)
    {
        if (!read.Objects.Any(IsTest))
            return read;
        var ignored = read.Ignored.ToList();
        foreach (var o in read.Objects)
        {
            if (IsTest(o))
                ignored.Add(new IgnoredObject(o.Locations.Object ?? new SourceLocation("<input>"), o.Kind, (o.Model as IMetadata<V1ObjectMeta>)?.Metadata?.Name, Reason) { ApiVersion = o.ApiVersion });
        }
        return read with { Objects = read.Objects.Where(o => !IsTest(o)).ToArray(), Ignored = ignored };
    }

    private static bool IsTest(ManifestObject o)
    {
        if (o.Model is not IMetadata<V1ObjectMeta> { Metadata.Annotations: { } annotations } || !annotations.TryGetValue("helm.sh/hook", out var hooks) || hooks is null)
            return false;
        foreach (var hook in hooks.Split(',', StringSplitOptions.TrimEntries))
        {
            if (hook is "test" or "test-success" or "test-failure")
                return true;
        }
        return false;
    }
}
