namespace Palisade.Net;

/// <summary>A port a container declares; the name is what NetworkPolicy named ports resolve against.</summary>
public sealed record ContainerPort(string? Name, int Port, Protocol Protocol)
{
    /// <summary>The node port the container binds (<c>hostPort</c>), which bypasses pod network policy on many CNIs.</summary>
    public int? HostPort { get; init; }

    /// <summary>Where the port entry is declared in its object (<c>spec.template.spec.containers[0].ports[1]</c>), so findings can point at it.</summary>
    public string? Field { get; init; }
}
