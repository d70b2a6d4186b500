using System.Runtime.CompilerServices;
using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Model;
using Palisade.Model.Mesh;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>plaintext</c>: HTTP seen in clear into a workload whose mesh policy requires mutual TLS (Istio
/// PeerAuthentication STRICT, port-level settings first), or clear HTTP carrying an <c>Authorization</c>
/// header anywhere (a credential on the wire). Needs L7 HTTP records (Hubble); HTTPS that Cilium's TLS inspection
/// decrypted to show is not clear.
/// </summary>
public sealed class Plaintext : IFlowDetector
{
    // Whether each destination pod and port requires mTLS, per mesh (each state of the cluster has its own; a live history
    // drops its oldest states, and their caches with them): resolving a mode walks every PeerAuthentication several times,
    // which at a few hundred of them cost more than the rest of the check, on every HTTP request.
    private readonly ConditionalWeakTable<MeshObjects, StrictPorts> _strict = [];

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL808", "plaintext", "Plaintext where encryption is expected", Severity.Medium, "flows",
            "Clear HTTP into a workload that requires mutual TLS bypasses the mesh's identity checks; a credential in clear HTTP can be sniffed and replayed."),
        ["T1040", "T1557"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Record.Http is not { IsResponse: false, IsDecryptedTls: false } http)
            return;
        var credential = HasAuthorization(http);
        var strict = flow.Destination.Pod is { } pod && IsStrict(context.History.States[flow.State].Cluster.Mesh, pod, flow.Port);
        if (!credential && !strict)
            return;
        var draft = context.Alerts.Raise(this, flow.CountedByL7(), context, AlertBook.Names.Of(flow.Source.Name, flow.Destination.Name), flow.Port);
        if (credential)
        {
            draft.Severity = Findings.Severity.High;
            draft.Details.Add("an Authorization header in clear HTTP");
        }
        if (strict)
            draft.Details.Add("clear HTTP into a workload whose PeerAuthentication requires mTLS (STRICT)");
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} sent {Text.Connections(alert)} to {alert.Destination} ({Text.Ports(alert)}) in clear: {string.Join("; ", alert.Details)}";

    private static bool HasAuthorization(HttpInfo http)
    {
        foreach (var header in http.Headers)
        {
            if (header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private bool IsStrict(MeshObjects mesh, Pod pod, int? port) =>
        mesh.PeerAuthentications.Count > 0 && _strict.GetOrCreateValue(mesh).IsStrict(mesh, pod, port);

    private static MtlsMode Mode(MeshObjects mesh, Pod pod, int? port)
    {
        if (port is { } p)
        {
            foreach (var (portNumber, decision) in MtlsResolver.Ports(mesh, pod))
            {
                if (portNumber == p)
                    return decision.Mode;
            }
        }
        return MtlsResolver.Workload(mesh, pod).Mode;
    }

    /// <summary>The modes of one mesh by destination pod (the object itself: a state's pods are its own) and port.</summary>
    private sealed class StrictPorts
    {
        // A million pods and ports, about 50 MB: bounded, since a long check meets every pod of every state.
        private const int MaxEntries = 1 << 20;
        private readonly Dictionary<(Pod, int), bool> _strict = new(PodPorts.Instance);

        public bool IsStrict(MeshObjects mesh, Pod pod, int? port)
        {
            var key = (pod, port ?? -1);
            if (_strict.TryGetValue(key, out var strict))
                return strict;
            if (_strict.Count >= MaxEntries)
                _strict.Clear();
            return _strict[key] = Mode(mesh, pod, port) == MtlsMode.Strict;
        }
    }

    /// <summary>Keys by the pod object and the port (a Pod record would compare every field).</summary>
    private sealed class PodPorts : IEqualityComparer<(Pod, int)>
    {
        public static readonly PodPorts Instance = new();

        public bool Equals((Pod, int) x, (Pod, int) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((Pod, int) key) => HashCode.Combine(RuntimeHelpers.GetHashCode(key.Item1), key.Item2);
    }
}
