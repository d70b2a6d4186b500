using System.Net;
using System.Net.Sockets;

namespace Palisade.Testing;

/// <summary>Ports on loopback for tests: one free to listen on, or an address where nothing listens.</summary>
public static class LoopbackPorts
{
    /// <summary>A port no one listens on right now (the system picked it, then it was released).</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>An https address on loopback where nothing listens.</summary>
    public static string ClosedHttps() => $"https://127.0.0.1:{Free()}";
}
