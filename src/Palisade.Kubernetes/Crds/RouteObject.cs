using k8s.Models;

namespace Palisade.Kubernetes.Crds;

/// <summary>An OpenShift Route (route.openshift.io/v1), which the Kubernetes client has no model for.</summary>
internal sealed class RouteObject : IMetadata<V1ObjectMeta?>
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public RouteSpec? Spec { get; set; }
}

/// <summary>The parts of a Route's spec that say where traffic goes.</summary>
internal sealed class RouteSpec
{
    public RouteTarget? To { get; set; }

    public List<RouteTarget>? AlternateBackends { get; set; }

    public RoutePort? Port { get; set; }

    public RouteTls? Tls { get; set; }
}

/// <summary>A backend of a Route: a Service by name.</summary>
internal sealed class RouteTarget
{
    public string? Kind { get; set; }

    public string? Name { get; set; }
}

/// <summary>The port of a Route: a Service port name or a target port.</summary>
internal sealed class RoutePort
{
    public IntOrString? TargetPort { get; set; }
}

/// <summary>A Route's TLS settings: their presence, and whether plain HTTP is served as well.</summary>
internal sealed class RouteTls
{
    public string? Termination { get; set; }

    public string? InsecureEdgeTerminationPolicy { get; set; }
}
