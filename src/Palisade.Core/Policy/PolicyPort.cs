using System.Text.RegularExpressions;
using Palisade.Net;

namespace Palisade.Policy;

/// <summary>
/// One <c>ports</c> entry of a rule: a protocol and a numeric port (optionally a range up to
/// <see cref="EndPort"/>), a named port, or no port at all (every port of the protocol).
/// </summary>
public sealed partial record PolicyPort
{
    private PolicyPort(Protocol protocol, int? number, string? name, int? endPort)
    {
        Protocol = protocol;
        Number = number;
        Name = name;
        EndPort = endPort;
    }

    /// <summary>The protocol (TCP when not given).</summary>
    public Protocol Protocol { get; }

    /// <summary>The numeric port, if given as a number.</summary>
    public int? Number { get; }

    /// <summary>The named port, if given as a name.</summary>
    public string? Name { get; }

    /// <summary>The inclusive end of a numeric range.</summary>
    public int? EndPort { get; }

    /// <summary>Validates the entry as the API server does and creates it; <paramref name="field"/> prefixes errors.</summary>
    public static PolicyPort Create(string? protocol, int? number, string? name, int? endPort, string field)
    {
        // Only an absent protocol defaults to TCP: the field is a pointer, and the API server refuses an empty one.
        if (protocol is "" || !Protocols.TryParse(protocol, out var parsed))
            throw new InvalidFieldException(field + ".protocol", $"unsupported protocol \"{protocol}\" (want TCP, UDP or SCTP)");
        if (number is { } n && (n < PortSet.MinPort || n > PortSet.MaxPort))
            throw new InvalidFieldException(field + ".port", $"port {n} is outside 1-65535");
        if (name is not null && !IsServiceName(name))
            throw new InvalidFieldException(field + ".port", NameProblem(name));
        if (endPort is { } end)
        {
            if (name is not null)
                throw new InvalidFieldException(field + ".endPort", "endPort may not be used with a named port");
            if (number is null)
                throw new InvalidFieldException(field + ".endPort", "endPort requires a numeric port");
            if (end < number)
                throw new InvalidFieldException(field + ".endPort", $"endPort {end} is below port {number}");
            if (end > PortSet.MaxPort)
                throw new InvalidFieldException(field + ".endPort", $"endPort {end} is outside 1-65535");
        }
        return new PolicyPort(parsed, number, name, endPort);
    }

    /// <summary>
    /// The connections this entry admits towards a destination with the given container ports. A named
    /// port admits the container ports with that name and this protocol; none when it resolves nowhere.
    /// </summary>
    public ConnectionSet Resolve(IReadOnlyList<ContainerPort> destinationPorts)
    {
        if (Name is null)
        {
            var ports = Number is { } n ? PortSet.Range(n, EndPort ?? n) : PortSet.All;
            return ConnectionSet.Of(Protocol, ports);
        }
        var resolved = PortSet.None;
        for (var i = 0; i < destinationPorts.Count; i++)
        {
            var port = destinationPorts[i];
            if (port.Name == Name && port.Protocol == Protocol)
                resolved = resolved.Union(PortSet.Single(port.Port));
        }
        return ConnectionSet.Of(Protocol, resolved);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var port = Name ?? (Number is { } n ? EndPort is { } e ? $"{n}-{e}" : n.ToString() : "any port");
        return $"{Protocol.Name()} {port}";
    }

    /// <summary>What is wrong with a port name that is not a valid one (<see cref="IsServiceName"/>).</summary>
    public static string NameProblem(string name) =>
        $"\"{name}\" is not a valid port name (IANA service name: up to 15 lowercase letters, digits and '-', with a letter)";

    /// <summary>Whether the text is a valid port name (an IANA service name), as the API server checks it.</summary>
    public static bool IsServiceName(string name) => ServiceNamePattern().IsMatch(name) && !name.Contains("--");

    [GeneratedRegex("^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ServiceNamePattern();
}
