using Palisade.Findings;
using Palisade.Flows.Detection;
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
        var strict = flow.Destination.Pod is { } pod && Mode(context.History.States[flow.State].Cluster.Mesh, pod, flow.Port) == MtlsMode.Strict;
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

    private static MtlsMode Mode(MeshObjects mesh, Model.Pod pod, int? port)
    {
        if (mesh.PeerAuthentications.Count == 0)
            return MtlsMode.Permissive;
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
}
