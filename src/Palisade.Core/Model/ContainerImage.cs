namespace Palisade.Model;

/// <summary>
/// A container's image and where it is declared, with whether the container declares any port: the image tells
/// which ports a container listens on when it declares none, as declaring them is optional.
/// </summary>
public sealed record ContainerImage(string Reference, string Field, bool DeclaresPorts)
{
    /// <summary>
    /// The image's name without registry, namespace, tag or digest (<c>docker.io/bitnami/redis:7</c> → <c>redis</c>), lower case.
    /// </summary>
    public string Name
    {
        get
        {
            var path = Reference;
            var digest = path.IndexOf('@', StringComparison.Ordinal);
            if (digest >= 0)
                path = path[..digest];
            var name = path[(path.LastIndexOf('/') + 1)..];
            var tag = name.IndexOf(':', StringComparison.Ordinal);
            return (tag >= 0 ? name[..tag] : name).ToLowerInvariant();
        }
    }
}
