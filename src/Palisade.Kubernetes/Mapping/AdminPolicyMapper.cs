using Palisade.Kubernetes.Crds;
using Palisade.Model;
using Palisade.Net;
using Palisade.Policy;
using k8s.Models;
using CoreLabelSelector = Palisade.Labels.LabelSelector;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Maps AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy into Core's cluster-scoped
/// policy, rejecting what their CRD validation rejects.
/// </summary>
internal static class AdminPolicyMapper
{
    public const int MinPriority = 0;
    public const int MaxPriority = 1000;

    public static AdminNetworkPolicy Map(ClusterPolicyObject o, MappingContext context)
    {
        var (kind, locations, warnings) = (context.Kind, context.Locations, context.Warnings);
        var name = ObjectNames.Require(o.Metadata, kind, locations);
        try
        {
            var spec = o.Spec ?? throw new InvalidFieldException("spec", "required");
            var (tier, priority) = TierAndPriority(kind, name, spec);
            return new AdminNetworkPolicy(kind, name, tier, priority, Subject(spec.Subject, "spec.subject"))
            {
                Ingress = Rules(kind, PolicyDirection.Ingress, spec.Ingress, warnings, locations, name),
                Egress = Rules(kind, PolicyDirection.Egress, spec.Egress, warnings, locations, name),
                Location = locations.Object,
            };
        }
        catch (InvalidFieldException e)
        {
            throw new InvalidInputException(locations.Of(e.Field), $"{kind} {name}", e.Field, e.Message, e);
        }
    }

    private static (AdminTier Tier, int Priority) TierAndPriority(string kind, string name, ClusterPolicySpec spec)
    {
        switch (kind)
        {
            case "BaselineAdminNetworkPolicy":
                if (name != "default")
                    throw new InvalidFieldException("metadata.name", "a BaselineAdminNetworkPolicy must be named \"default\" (it is a singleton)");
                return (AdminTier.Baseline, 0);
            case "ClusterNetworkPolicy":
                var tier = spec.Tier switch
                {
                    "Admin" => AdminTier.Admin,
                    "Baseline" => AdminTier.Baseline,
                    _ => throw new InvalidFieldException("spec.tier", $"\"{spec.Tier}\" is not a tier (Admin, Baseline)"),
                };
                return (tier, Priority(spec));
            default:
                return (AdminTier.Admin, Priority(spec));
        }
    }

    private static int Priority(ClusterPolicySpec spec) => spec.Priority switch
    {
        null => throw new InvalidFieldException("spec.priority", "required"),
        < MinPriority or > MaxPriority => throw new InvalidFieldException("spec.priority", $"priority {spec.Priority} is outside {MinPriority}-{MaxPriority}"),
        var p => p.Value,
    };

    private static AdminSubject Subject(ClusterPolicySubject? subject, string field)
    {
        if (subject is null || (subject.Namespaces is null) == (subject.Pods is null))
            throw new InvalidFieldException(field, "exactly one of namespaces and pods must be set");
        return subject.Namespaces is { } namespaces
            ? new AdminSubject(Selector(namespaces, field + ".namespaces"), null)
            : new AdminSubject(Selector(subject.Pods!.NamespaceSelector, field + ".pods.namespaceSelector"), Selector(subject.Pods.PodSelector, field + ".pods.podSelector"));
    }

    private static CoreLabelSelector Selector(V1LabelSelector? selector, string field) =>
        PolicyMapper.Selector(selector, field) ?? CoreLabelSelector.Everything;

    private static AdminRule[] Rules(string kind, PolicyDirection direction, List<ClusterPolicyRule>? rules, List<string> warnings, FieldLocations locations, string name)
    {
        var word = direction == PolicyDirection.Ingress ? "ingress" : "egress";
        return (rules ?? []).Select((rule, i) =>
        {
            var field = $"spec.{word}[{i}]";
            var peersField = direction == PolicyDirection.Ingress ? "from" : "to";
            var peers = direction == PolicyDirection.Ingress ? rule.From : rule.To;
            if (peers is null || peers.Count == 0)
                throw new InvalidFieldException($"{field}.{peersField}", "must be set and hold at least one peer");
            var mapped = peers.Select((p, j) => Peer(p, direction, $"{field}.{peersField}[{j}]", warnings, locations, $"{kind} {name}")).ToArray();
            return new AdminRule(direction, i, string.IsNullOrEmpty(rule.Name) ? null : rule.Name, Action(kind, rule.Action, field + ".action"), mapped, Ports(rule, field));
        }).ToArray();
    }

    private static AdminAction Action(string kind, string? action, string field) => (kind, action) switch
    {
        ("ClusterNetworkPolicy", "Accept") => AdminAction.Allow,
        ("ClusterNetworkPolicy", "Allow") => throw new InvalidFieldException(field, "ClusterNetworkPolicy actions are Accept, Deny and Pass"),
        (_, "Allow") when kind != "ClusterNetworkPolicy" => AdminAction.Allow,
        (_, "Deny") => AdminAction.Deny,
        ("BaselineAdminNetworkPolicy", "Pass") => throw new InvalidFieldException(field, "a BaselineAdminNetworkPolicy rule may only Allow or Deny"),
        (_, "Pass") => AdminAction.Pass,
        (_, null or "") => throw new InvalidFieldException(field, $"required ({(kind == "ClusterNetworkPolicy" ? "Accept" : "Allow")}, Deny{(kind == "BaselineAdminNetworkPolicy" ? "" : ", Pass")})"),
        _ => throw new InvalidFieldException(field, $"unrecognized action \"{action}\" ({(kind == "ClusterNetworkPolicy" ? "Accept" : "Allow")}, Deny{(kind == "BaselineAdminNetworkPolicy" ? "" : ", Pass")})"),
    };

    private static AdminPeer Peer(ClusterPolicyPeer peer, PolicyDirection direction, string field, List<string> warnings, FieldLocations locations, string objectName)
    {
        var set = (peer.Namespaces is null ? 0 : 1) + (peer.Pods is null ? 0 : 1) + (peer.Nodes is null ? 0 : 1) + (peer.Networks is null ? 0 : 1) + (peer.DomainNames is null ? 0 : 1);
        if (set != 1)
            throw new InvalidFieldException(field, "exactly one of namespaces, pods, nodes, networks and domainNames must be set in a peer");
        if (direction == PolicyDirection.Ingress && peer.Namespaces is null && peer.Pods is null)
            throw new InvalidFieldException(field, "an ingress peer is namespaces or pods");
        if (peer.Namespaces is not null || peer.Pods is not null)
            return new AdminPodPeer(Subject(new ClusterPolicySubject { Namespaces = peer.Namespaces, Pods = peer.Pods }, field));
        if (peer.Networks is { } networks)
        {
            if (networks.Count == 0)
                throw new InvalidFieldException(field + ".networks", "must hold at least one CIDR");
            var ranges = networks.Select((cidr, i) => IpRange.TryParseCidr(cidr, out var range)
                ? range
                : throw new InvalidFieldException($"{field}.networks[{i}]", $"\"{cidr}\" is not a valid CIDR")).ToArray();
            return new AdminNetworksPeer(networks, IpSet.Of(ranges));
        }
        warnings.Add(locations.Warning(field, $"{objectName}: {field}: {(peer.Nodes is not null ? "nodes" : "domainNames")} peers are not modelled; the peer matches nothing"));
        return peer.Nodes is { } nodes
            ? new AdminUnmodelledPeer("nodes", Selector(nodes, field + ".nodes").ToString())
            : new AdminUnmodelledPeer("domainNames", string.Join(", ", peer.DomainNames!));
    }

    private static AdminPort[] Ports(ClusterPolicyRule rule, string field)
    {
        var ports = (rule.Ports ?? []).Select((port, i) =>
        {
            var path = $"{field}.ports[{i}]";
            var set = (port.PortNumber is null ? 0 : 1) + (port.NamedPort is null ? 0 : 1) + (port.PortRange is null ? 0 : 1);
            if (set != 1)
                throw new InvalidFieldException(path, "exactly one of portNumber, namedPort and portRange must be set");
            if (port.PortNumber is { } number)
                return AdminPort.Range(number.Protocol, number.Port ?? 0, number.Port ?? 0, path + ".portNumber");
            if (port.PortRange is { } range)
                return AdminPort.Range(range.Protocol, range.Start ?? 0, range.End ?? 0, path + ".portRange");
            return AdminPort.Named(port.NamedPort!);
        });
        var protocols = (rule.Protocols ?? []).Select((protocol, i) =>
        {
            var path = $"{field}.protocols[{i}]";
            var set = (protocol.Tcp is null ? 0 : 1) + (protocol.Udp is null ? 0 : 1) + (protocol.Sctp is null ? 0 : 1) + (protocol.DestinationNamedPort is null ? 0 : 1);
            if (set != 1)
                throw new InvalidFieldException(path, "exactly one of tcp, udp, sctp and destinationNamedPort must be set");
            if (protocol.DestinationNamedPort is { } named)
                return AdminPort.Named(named);
            var (name, match) = protocol.Tcp is not null ? ("TCP", protocol.Tcp) : protocol.Udp is not null ? ("UDP", protocol.Udp) : ("SCTP", protocol.Sctp!);
            var port = match.DestinationPort;
            return port?.Range is { } r
                ? AdminPort.Range(name, r.Start ?? 0, r.End ?? 0, path + "." + name.ToLowerInvariant() + ".destinationPort.range")
                : port?.Number is { } n
                    ? AdminPort.Range(name, n, n, path + "." + name.ToLowerInvariant() + ".destinationPort.number")
                    : AdminPort.Range(name, PortSet.MinPort, PortSet.MaxPort, path);
        });
        return ports.Concat(protocols).ToArray();
    }
}
