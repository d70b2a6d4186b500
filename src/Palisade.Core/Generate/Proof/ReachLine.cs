using Palisade.Net;

namespace Palisade.Generate.Proof;

/// <summary>One pair of the proof: the connections from a source to a destination (as <c>connectivity</c> names them) and why they are allowed.</summary>
public sealed record ReachLine(string Source, string Destination, ConnectionSet Connections, IReadOnlyList<string> Reasons)
{
    /// <summary>The reasons, compared element by element.</summary>
    public IReadOnlyList<string> Reasons { get; init => field = ValueCollections.List(value); } = ValueCollections.List(Reasons);

    /// <summary>The line as <c>connectivity</c> prints a pair.</summary>
    public string Pair => $"{Source} => {Destination} : {Connections}";

    /// <inheritdoc />
    public override string ToString() => Reasons.Count == 0 ? Pair : $"{Pair} ({string.Join("; ", Reasons)})";
}
