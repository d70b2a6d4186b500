namespace Palisade.Audit.Detection;

/// <summary>Reading <c>connectivity</c>'s txt lines (<c>SRC =&gt; DST : CONNS</c>) back: which namespaces their ends are in.</summary>
internal static class ConnectivityLines
{
    private const string Arrow = " => ";
    private const string Colon = " : ";

    /// <summary>Whether either end of the line is a workload or pod of one of the namespaces (<c>ns/name[Kind]</c>).</summary>
    public static bool Touches(string line, IReadOnlySet<string> namespaces)
    {
        var arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
        if (arrow < 0)
            return false;
        var colon = line.IndexOf(Colon, arrow + Arrow.Length, StringComparison.Ordinal);
        var source = line[..arrow];
        var destination = colon < 0 ? line[(arrow + Arrow.Length)..] : line[(arrow + Arrow.Length)..colon];
        return In(source, namespaces) || In(destination, namespaces);
    }

    /// <summary>External ranges and the ingress controller have no namespace (and no '/').</summary>
    private static bool In(string peer, IReadOnlySet<string> namespaces)
    {
        var slash = peer.IndexOf('/');
        return slash > 0 && !peer.EndsWith("[External]", StringComparison.Ordinal) && namespaces.Contains(peer[..slash]);
    }
}
