namespace Palisade.Model;

/// <summary>
/// The client ranges a LoadBalancer Service admits as the cloud providers read them: spec.loadBalancerSourceRanges,
/// else the older annotation (comma-separated), which they read only when the field is empty.
/// </summary>
public static class LoadBalancerClients
{
    /// <summary>The annotation that set the ranges before the field existed, and that charts still use.</summary>
    public const string Annotation = "service.beta.kubernetes.io/load-balancer-source-ranges";

    /// <summary>The ranges as written, and the field that sets them; none: <c>spec.type</c>.</summary>
    public static (IReadOnlyList<string> Ranges, string Field) Of(ServiceInfo service, IReadOnlyDictionary<string, string>? annotations)
    {
        if (service.LoadBalancerSourceRanges.Count > 0)
            return (service.LoadBalancerSourceRanges, "spec.loadBalancerSourceRanges");
        if (annotations is not null && annotations.TryGetValue(Annotation, out var value)
            && value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } listed)
            return (listed, "metadata.annotations");
        return ([], "spec.type");
    }

    /// <summary>The ranges of a Service of the cluster, its annotations found in <paramref name="objects"/>.</summary>
    public static (IReadOnlyList<string> Ranges, string Field) Of(ServiceInfo service, ObjectIndex objects) =>
        Of(service, objects.Find(new ObjectKey("Service", service.Namespace, service.Name))?.Annotations);
}
