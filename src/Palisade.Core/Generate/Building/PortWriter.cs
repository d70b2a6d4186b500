using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;

namespace Palisade.Generate.Building;

/// <summary>
/// Writes a peer's observed ports as a rule's <c>ports</c>: the destination's named port when every destination
/// pod declares that name for that number and protocol (so the rule reads as the application's own words and
/// follows the port if it moves), else the number; consecutive numbers merge into an <c>endPort</c> range, which
/// admits exactly the same. Sorted by protocol, then port.
/// </summary>
public static class PortWriter
{
    /// <summary>The entries for <paramref name="ports"/> towards <paramref name="destination"/> pods (none: numbers only).</summary>
    public static IReadOnlyList<PolicyPort> Write(IEnumerable<(Protocol Protocol, int Port)> ports, IReadOnlyList<Pod> destination)
    {
        var entries = new List<(Protocol Protocol, int Port, PolicyPort Entry)>();
        foreach (var group in ports.Distinct().GroupBy(p => p.Protocol))
        {
            var numbers = new List<int>();
            foreach (var (protocol, port) in group)
            {
                if (NameOf(protocol, port, destination) is { } named)
                    entries.Add((protocol, port, named));
                else
                    numbers.Add(port);
            }
            numbers.Sort();
            for (var i = 0; i < numbers.Count;)
            {
                var end = i;
                while (end + 1 < numbers.Count && numbers[end + 1] == numbers[end] + 1)
                    end++;
                entries.Add((group.Key, numbers[i], PolicyPort.Create(group.Key.Name(), numbers[i], null, end > i ? numbers[end] : null, "spec.ports")));
                i = end + 1;
            }
        }
        return [.. entries.OrderBy(e => e.Protocol).ThenBy(e => e.Port).Select(e => e.Entry)];
    }

    /// <summary>The named port for the number, when every destination pod declares one name for it and that name means it everywhere.</summary>
    private static PolicyPort? NameOf(Protocol protocol, int port, IReadOnlyList<Pod> destination)
    {
        if (destination.Count == 0)
            return null;
        string? name = null;
        foreach (var pod in destination)
        {
            var declared = pod.Ports.Where(p => p.Protocol == protocol && p.Port == port && p.Name is not null).Select(p => p.Name!).Distinct().ToArray();
            if (declared.Length != 1 || name is not null && declared[0] != name)
                return null;
            name = declared[0];
            if (pod.Ports.Any(p => p.Name == name && p.Protocol == protocol && p.Port != port))
                return null;
        }
        try
        {
            return PolicyPort.Create(protocol.Name(), null, name, null, "spec.ports");
        }
        catch (InvalidFieldException)
        {
            return null;
        }
    }
}
