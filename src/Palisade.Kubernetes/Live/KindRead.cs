using System.Text.Json.Nodes;
using Palisade.Model;

namespace Palisade.Kubernetes.Live;

/// <summary>
/// One kind as listed: its objects in Core's terms, the mapping warnings and, when asked, each object's JSON body;
/// or the server's reason for refusing it.
/// </summary>
internal sealed class KindRead(ServedKind kind, bool withBodies)
{
    public ServedKind Kind { get; } = kind;

    public List<ClusterObject> Objects { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>The objects' bodies, as listed (apiVersion and kind filled in), or null when not asked for.</summary>
    public List<KeyValuePair<ObjectKey, JsonNode>>? Bodies { get; } = withBodies ? [] : null;

    /// <summary>Why the server refused to list the kind (its 403 message), or null.</summary>
    public string? Forbidden { get; private set; }

    /// <summary>How much has been read: where <see cref="RollBack"/> returns to.</summary>
    public (int Objects, int Warnings, int Bodies) Mark() => (Objects.Count, Warnings.Count, Bodies?.Count ?? 0);

    /// <summary>Forgets what was read since the mark: a list that starts over.</summary>
    public void RollBack((int Objects, int Warnings, int Bodies) mark)
    {
        Objects.RemoveRange(mark.Objects, Objects.Count - mark.Objects);
        Warnings.RemoveRange(mark.Warnings, Warnings.Count - mark.Warnings);
        Bodies?.RemoveRange(mark.Bodies, Bodies.Count - mark.Bodies);
    }

    /// <summary>Records the refusal and forgets what was read.</summary>
    public KindRead Refused(string reason)
    {
        RollBack((0, 0, 0));
        Forbidden = reason;
        return this;
    }
}
