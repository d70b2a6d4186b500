using System.Net;
using System.Net.Sockets;
using Palisade.Connectivity.Explain;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Connectivity;

/// <summary>
/// Turns what a user types into endpoints: <c>ns/name</c> (a workload, else a pod; <c>[Kind]</c> may follow,
/// as connectivity prints it), or an IP address (the pod holding it when known, else an external address).
/// </summary>
public static class EndpointResolver
{
    /// <summary>The endpoints the text names; throws <see cref="InvalidRequestException"/> when it names none.</summary>
    public static IReadOnlyList<Endpoint> Resolve(PolicyEngine engine, string text, string parameter)
    {
        if (IpRange.TryParseAddress(text, out var address))
        {
            var holders = engine.Pods.Where(p => p.Pod.Addresses.Contains(address)).ToArray();
            return holders.Length > 0 ? holders : [new ExternalEndpoint(IpRange.Single(address))];
        }
        var name = text;
        var bracket = name.IndexOf('[');
        if (bracket > 0 && name.EndsWith(']'))
            name = name[..bracket];
        if (RangeStart(name) is { } start)
            throw new InvalidRequestException(parameter, $"\"{text}\" is an address range; eval judges one address, such as {start}");
        var slash = name.IndexOf('/');
        if (slash <= 0 || slash == name.Length - 1 || name.IndexOf('/', slash + 1) >= 0)
            throw new InvalidRequestException(parameter, $"\"{text}\" is neither ns/name nor an IP address");
        var (ns, workload) = (name[..slash], name[(slash + 1)..]);
        var byWorkload = engine.Pods.Where(p => p.Pod.Owner.Namespace == ns && p.Pod.Owner.Name == workload).ToArray();
        if (byWorkload.Length > 0)
            return byWorkload;
        var byPod = engine.Pods.Where(p => p.Pod.Namespace == ns && p.Pod.Name == workload).ToArray();
        if (byPod.Length > 0)
            return byPod;
        var known = engine.Pods.Where(p => p.Pod.Namespace == ns).Select(p => p.Pod.Owner.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        var hint = known.Length == 0 ? $"no pods in namespace {ns}" : $"namespace {ns} has {string.Join(", ", known.Take(10))}{(known.Length > 10 ? ", ..." : "")}";
        throw new InvalidRequestException(parameter, $"unknown endpoint {text}: no workload or pod of that name ({hint})");
    }

    /// <summary>
    /// The first address of a CIDR or of a range as connectivity prints it (<c>a-b</c>); null for anything else. Such
    /// text would otherwise read as a namespace and a name, and be reported as an unknown workload.
    /// </summary>
    private static IPAddress? RangeStart(string text)
    {
        var slash = text.IndexOf('/');
        if (slash > 0 && IpRange.TryParseAddress(text[..slash], out var prefixed) && int.TryParse(text.AsSpan(slash + 1), out _))
            return prefixed;
        var dash = text.IndexOf('-');
        return dash > 0 && IpRange.TryParseAddress(text[..dash], out var first) && IpRange.TryParseAddress(text[(dash + 1)..], out _) ? first : null;
    }

    /// <summary>
    /// The port asked about: a number, or a name resolved on the destination pod's container ports with the
    /// protocol; throws <see cref="InvalidRequestException"/> for a bad number or an unknown name.
    /// </summary>
    public static ConnectionQuery ResolvePort(string text, Protocol protocol, Endpoint destination)
    {
        text = text.Trim();
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
                throw new InvalidRequestException("port", $"port {text} is outside 1-65535");
            return new ConnectionQuery(protocol, number);
        }
        if (!PolicyPort.IsServiceName(text))
            throw new InvalidRequestException("port", $"\"{text}\" is neither a port number (1-65535) nor a port name (up to 15 lowercase letters, digits and '-', with a letter)");
        if (destination is not PodEndpoint pod)
            throw new InvalidRequestException("port", $"named port {text} needs a pod destination; {destination.DisplayName} is an external address");
        var port = pod.Pod.Ports.FirstOrDefault(p => p.Name == text && p.Protocol == protocol)
            ?? throw new InvalidRequestException("port",
                $"named port {text}/{protocol.Name()} is not declared by {pod.Pod} (it declares {(pod.Pod.Ports.Count == 0 ? "no ports" : string.Join(", ", pod.Pod.Ports.Select(p => $"{p.Name ?? "(unnamed)"} {p.Port}/{p.Protocol.Name()}")))})");
        return new ConnectionQuery(protocol, port.Port);
    }

    /// <summary>Explains every pair of the endpoints and returns the one to show: the first allowed, else the first.</summary>
    public static PairExplanation ExplainAny(PolicyEngine engine, IReadOnlyList<Endpoint> sources, IReadOnlyList<Endpoint> destinations, Func<Endpoint, ConnectionQuery> query)
    {
        PairExplanation? first = null;
        foreach (var source in sources)
        {
            foreach (var destination in destinations)
            {
                if (ReferenceEquals(source, destination))
                    continue;
                var explanation = Explainer.Explain(engine, source, destination, query(destination));
                if (explanation.Allowed)
                    return explanation;
                first ??= explanation;
            }
        }
        return first ?? throw new InvalidRequestException("destination", "source and destination are the same pod");
    }
}
