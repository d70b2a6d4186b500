using Palisade.Audit.Timeline;
using Palisade.Model;

namespace Palisade.Audit.Detection;

/// <summary>
/// Where an audit replay starts: the cluster (<c>--cluster</c>, or nothing), the bodies of its objects,
/// whether that state is complete (objects absent from it did not exist), and how replayed states become
/// clusters.
/// </summary>
public sealed record AuditStart(Cluster Cluster, ObjectStore Store, bool Complete, INetworkModel Model);
