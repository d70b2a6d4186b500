using Palisade.Detection.Tests.Scenarios.Cluster;

namespace Palisade.Detection.Tests.Scenarios.Traffic;

/// <summary>
/// One connection (a request and, if the server answers, its replies) with everything the label oracle
/// needs: who opened it to whom, on which port, what the enforcement point did and what the policies say.
/// Writers turn it into each format's records; the oracle turns the list into the alerts the contract requires.
/// </summary>
public sealed record Connection
{
    public required DateTimeOffset Time { get; init; }
    public required Peer Src { get; init; }
    public required int SrcPort { get; init; }

    /// <summary>The server: a pod (the Service's backend when addressed through a Service), a node or an external address.</summary>
    public required Peer Dst { get; init; }

    /// <summary>The server's port: the Service's target port when addressed through a Service.</summary>
    public required int DstPort { get; init; }

    public string Protocol { get; init; } = "TCP";

    /// <summary>The Service addressed, when the client used a cluster IP (CSV and VPC v2 show its address and port).</summary>
    public ClusterService? Service { get; init; }

    public int? ServicePort { get; init; }

    public Verdict Verdict { get; init; } = Verdict.Forwarded;

    /// <summary>Whether the server answers (a closed port or an unreachable host does not).</summary>
    public bool Responds { get; init; } = true;

    /// <summary>Whether the policies given by <c>--cluster</c> allow it (checked against the reference evaluator).</summary>
    public bool AllowedByCluster { get; init; } = true;

    /// <summary>Whether the state in force at <see cref="Time"/> allows it, once the audit log's writes are applied.</summary>
    public bool? AllowedWithAudit { get; init; }

    /// <summary>The write after which the connection became and stayed allowed (for via-policy-change).</summary>
    public AuditWrite? Cause { get; init; }

    public L7Record? L7 { get; init; }

    /// <summary>Only Hubble can express it (a drop for a reason other than policy).</summary>
    public bool HubbleOnly { get; init; }

    public int Bytes { get; init; } = 1200;

    /// <summary>Why the connection is there; kept for people reading the generator's output, not written.</summary>
    public string Note { get; init; } = "";

    /// <summary>Whether the state in force allows it: with the audit log when the run passes one.</summary>
    public bool AllowedInForce(bool withAudit) => withAudit ? AllowedWithAudit ?? AllowedByCluster : AllowedByCluster;

    /// <summary>
    /// Whether records from the server are replies by the contract's rule for IP-only formats: the server is
    /// a pod declaring the port, or the Service addressed. Replies from nodes, external servers and Services
    /// without pods would be read as connections of their own, so the generator never writes them there.
    /// </summary>
    public bool ReplyRecognisableByPort =>
        Service is not null || (Dst is PodPeer pod && pod.Pod.Workload.Listens(DstPort, Protocol));

    /// <summary>Whether the server sends replies at all.</summary>
    public bool HasReplies => Verdict == Verdict.Forwarded && Responds;

    /// <summary>
    /// Whether IP-only formats write the server's replies even where the contract's port rule does not recognise
    /// them (from nodes, external servers, Services without pods; ICMP answers): real logs carry them, and the
    /// contract never counts a reply.
    /// </summary>
    public bool RepliesAlwaysWritten { get; init; }

    /// <summary>Whether the IP-only formats write replies for this connection.</summary>
    public bool WritesReplies => HasReplies && (ReplyRecognisableByPort || RepliesAlwaysWritten);

    /// <summary>Whether the protocol has no ports (ICMP): the connection's ports are written as 0 or left out.</summary>
    public bool Portless => Protocol == "ICMP";
}
