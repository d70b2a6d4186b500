using Palisade.Connectivity;
using Palisade.Net;
using Palisade.Posture.DefaultPorts;

namespace Palisade.Posture;

/// <summary>
/// What reaches a workload listening on well-known ports from outside its namespace, port by port: what the
/// default-port finding reads (<see cref="DefaultPortInUse"/>). A report's pass adds every line into the workload, so
/// each port has its number of sources and the first few names; a fix's proof only needs to know whether anything
/// reaches each port, and stops asking once every port is shown (<see cref="Complete"/>). Not thread-safe: one pass
/// builds it, then it is only read.
/// </summary>
internal sealed class ListenerReach
{
    /// <summary>How many sources a port's finding names.</summary>
    public const int Named = 5;

    private readonly string? _namespace;
    private readonly PortReach[] _ports;
    private int _missing;

    /// <summary>Nothing yet, for the listener's well-known ports (its first pod's, as the check reads).</summary>
    public ListenerReach(Peer listener, IReadOnlyList<DefaultPortListener> ports)
        : this(listener.Namespace, [.. ports.Select(p => new PortReach(p.Protocol, p.Port))])
    {
    }

    private ListenerReach(string? @namespace, PortReach[] ports)
    {
        _namespace = @namespace;
        _ports = ports;
        _missing = _ports.Length;
    }

    /// <summary>Nothing yet, for the same listener and ports: its reach after a change of policies only, which leaves the ports as they were.</summary>
    public ListenerReach Fresh() => new(_namespace, [.. _ports.Select(p => new PortReach(p.Protocol, p.Port))]);

    /// <summary>Whether the workload listens on a well-known port at all.</summary>
    public bool Listens => _ports.Length > 0;

    /// <summary>Whether every well-known port is reached from outside the namespace.</summary>
    public bool Complete => _missing == 0;

    /// <summary>Whether lines from the source count: it lies outside the listener's namespace (an external range, the ingress controller, another namespace's workload).</summary>
    public bool Counts(Peer source) => source.IsExternal || source.Namespace != _namespace;

    /// <summary>What reaches one of the ports: how many sources (external ranges count as one) and the first <see cref="Named"/> names, in report order.</summary>
    public (int Sources, IReadOnlyList<string> Names) Of(Protocol protocol, int port)
    {
        foreach (var reach in _ports)
        {
            if (reach.Protocol == protocol && reach.Port == port)
                return (reach.Sources, reach.Names);
        }
        return (0, []);
    }

    /// <summary>Takes a line into the listener, in report order.</summary>
    public void Add(Peer source, ConnectionSet connections)
    {
        if (!Counts(source))
            return;
        foreach (var reach in _ports)
        {
            if (connections.Contains(reach.Protocol, reach.Port) && reach.Add(source) && reach.Sources == 1)
                _missing--;
        }
    }

    /// <summary>
    /// Marks in <paramref name="after"/> (the same listener after a change) the ports this reach shows through sources the
    /// change left alone: namespaces outside <paramref name="scope"/>, the external ranges unless they moved, the ingress
    /// controller unless its policies changed.
    /// </summary>
    public void KeepUnchanged(ListenerReach after, HashSet<string> scope, bool externalsMoved, bool controllerMoved)
    {
        for (var i = 0; i < _ports.Length; i++)
        {
            var before = _ports[i];
            if (before.External && !externalsMoved || before.Controller && !controllerMoved || before.Namespaces.Exists(ns => !scope.Contains(ns)))
                after.Show(i);
        }
    }

    /// <summary>Whether the same ports are reached as in <paramref name="other"/> (the listener before a change): its finding is then the same.</summary>
    public bool SameAs(ListenerReach other)
    {
        if (other._ports.Length != _ports.Length)
            return false;
        for (var i = 0; i < _ports.Length; i++)
        {
            if (_ports[i].Sources > 0 != other._ports[i].Sources > 0)
                return false;
        }
        return true;
    }

    private void Show(int port)
    {
        if (_ports[port].Sources++ == 0)
            _missing--;
    }

    /// <summary>One port's sources from outside the namespace.</summary>
    private sealed class PortReach(Protocol protocol, int port)
    {
        public Protocol Protocol { get; } = protocol;

        public int Port { get; } = port;

        public int Sources { get; set; }

        public List<string> Names { get; } = [];

        /// <summary>The namespaces of the workloads that reach the port, each once (lines come by source, so by namespace).</summary>
        public List<string> Namespaces { get; } = [];

        public bool External { get; private set; }

        public bool Controller { get; private set; }

        /// <summary>Counts the source; false for a second external range, which reads as the same "external addresses".</summary>
        public bool Add(Peer source)
        {
            if (source is ExternalPeer)
            {
                if (External)
                    return false;
                External = true;
            }
            else if (source.Namespace is { } ns)
            {
                if (Namespaces.Count == 0 || Namespaces[^1] != ns)
                    Namespaces.Add(ns);
            }
            else
                Controller = true;
            if (Sources++ < Named)
                Names.Add(source is ExternalPeer ? ExternalAddresses : source.DisplayName);
            return true;
        }

        private const string ExternalAddresses = "external addresses";
    }
}
