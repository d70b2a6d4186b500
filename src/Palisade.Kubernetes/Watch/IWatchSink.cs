namespace Palisade.Kubernetes.Watch;

/// <summary>
/// Where reflectors send what they see. Called from every reflector's thread at once: implementations must be
/// thread-safe and quick (queue the change, apply it elsewhere).
/// </summary>
public interface IWatchSink
{
    /// <summary>Takes one change.</summary>
    void Apply(WatchChange change);

    /// <summary>Told what a reflector did that is worth logging (a relist after 410, a dropped stream, a refused kind).</summary>
    void Note(string kind, string message);
}
