using System.Collections.Frozen;
using Palisade.Audit.Policy;
using Palisade.Kubernetes.Crds;
using Palisade.Kubernetes.Manifests;
using Palisade.Kubernetes.Mapping;
using Palisade.Labels;
using Palisade.Model;
using Palisade.Model.Mesh;
using Palisade.Model.Rbac;
using Palisade.Policy;
using k8s.Models;

namespace Palisade.Kubernetes;

/// <summary>Builds Core's cluster snapshot from manifests; the only way client models reach the engines.</summary>
public static class ManifestSource
{
    /// <summary>
    /// Reads the paths (files, directories, <c>-</c>) and builds the snapshot. Leniently, an object declared
    /// twice is not an error: the later declaration wins, as with <c>kubectl apply</c>, and the pair is
    /// recorded for the posture checks.
    /// </summary>
    public static LoadedCluster Load(IEnumerable<string> paths, TextReader? standardInput = null, bool lenient = false) =>
        Build(ManifestReader.Read(paths, standardInput), lenient);

    /// <summary>Builds the snapshot from manifests given as text, as if read from the named file.</summary>
    public static LoadedCluster LoadText(string fileName, string text) => Build(ManifestReader.ReadText(fileName, text));

    /// <summary>Builds the snapshot from objects already read.</summary>
    internal static LoadedCluster Build(ManifestReadResult read, bool lenient = false)
    {
        var workloads = new WorkloadMapper(read.Objects);
        var namespaces = new Dictionary<string, NamespaceInfo>(StringComparer.Ordinal);
        var policies = new Dictionary<string, NetworkPolicy>(StringComparer.Ordinal);
        var pods = new List<Pod>();
        var services = new List<ServiceInfo>();
        var adminPolicies = new Dictionary<string, AdminNetworkPolicy>(StringComparer.Ordinal);
        var routes = new List<IngressRoute>();
        var warnings = new List<string>(read.Warnings);
        var resources = new List<ObjectMeta>();
        var duplicates = new List<DuplicateObject>();
        var peerAuthentications = new Dictionary<(string, string), PeerAuthentication>();
        var destinationRules = new Dictionary<(string, string), DestinationRule>();
        var authorizationPolicies = new Dictionary<(string, string), AuthorizationPolicy>();
        var sidecars = new Dictionary<WorkloadRef, SidecarHint>();
        void Add(Pod pod, object model)
        {
            pods.Add(pod);
            if (SidecarMapper.Map(model) is { } hint)
                sidecars[pod.Owner] = sidecars.TryGetValue(pod.Owner, out var known) ? SidecarMapper.Merge(known, hint) : hint;
        }
        void Keep<T>(Dictionary<(string, string), T> byName, ManifestObject o, string kind, string ns, string name, T value, Func<T, SourceLocation?> location)
        {
            if (byName.TryGetValue((ns, name), out var earlier))
                Twice(o, kind, ns, name, location(earlier), $"{kind} {ns}/{name}");
            byName[(ns, name)] = value;
        }
        var roles = new Dictionary<(string Kind, string? Namespace, string Name), RbacRole>();
        var bindings = new Dictionary<(string Kind, string? Namespace, string Name), RbacBinding>();
        var accounts = new Dictionary<(string Namespace, string Name), ServiceAccount>();
        var auditPolicies = new List<AuditPolicy>();
        void Twice(ManifestObject o, string kind, string? ns, string name, SourceLocation? previous, string description)
        {
            if (!lenient)
                throw Duplicate(o, description, previous);
            duplicates.Add(new DuplicateObject(new ResourceRef(kind, ns, name) { Location = previous }, new ResourceRef(kind, ns, name) { Location = o.Location }));
        }
        void AddRole(ManifestObject o, RbacRole role)
        {
            if (roles.TryGetValue((role.Kind, role.Namespace, role.Name), out var known))
                Twice(o, role.Kind, role.Namespace, role.Name, known.Location, role.ToString());
            roles[(role.Kind, role.Namespace, role.Name)] = role;
        }
        void AddBinding(ManifestObject o, RbacBinding binding)
        {
            if (bindings.TryGetValue((binding.Kind, binding.Namespace, binding.Name), out var known))
                Twice(o, binding.Kind, binding.Namespace, binding.Name, known.Location, binding.ToString());
            bindings[(binding.Kind, binding.Namespace, binding.Name)] = binding;
        }
        foreach (var o in read.Objects)
        {
            if (ObjectMetaMapper.Map(o) is { } meta)
                resources.Add(meta);
            switch (o.Model)
            {
                case V1Namespace ns:
                    var name = ObjectNames.Require(ns.Metadata, "Namespace", o.Locations);
                    if (namespaces.TryGetValue(name, out var previous))
                        Twice(o, "Namespace", null, name, previous.Location, $"Namespace {name}");
                    namespaces[name] = new NamespaceInfo(name, LabelSet.From(ns.Metadata.Labels), o.Location);
                    break;
                case V1NetworkPolicy np:
                    var policy = PolicyMapper.Map(np, o.Locations);
                    if (policies.TryGetValue(policy.ToString(), out var existing))
                        Twice(o, "NetworkPolicy", policy.Namespace, policy.Name, existing.Location, $"NetworkPolicy {policy}");
                    policies[policy.ToString()] = policy;
                    break;
                case ClusterPolicyObject clusterPolicy:
                    var admin = AdminPolicyMapper.Map(clusterPolicy, o.Kind, o.Locations, warnings);
                    var key = admin.Kind == "BaselineAdminNetworkPolicy" ? admin.Kind : admin.ToString();
                    if (adminPolicies.TryGetValue(key, out var twin))
                        Twice(o, admin.Kind, null, admin.Name, twin.Location, admin.Kind == "BaselineAdminNetworkPolicy" ? "BaselineAdminNetworkPolicy (a singleton)" : admin.ToString());
                    adminPolicies[key] = admin;
                    break;
                case V1Ingress ingress:
                    routes.Add(IngressMapper.Map(ingress, o.Locations, warnings));
                    break;
                case RouteObject route:
                    routes.Add(IngressMapper.Map(route, o.Locations, warnings));
                    break;
                case V1Service svc:
                    services.Add(ServiceMapper.Map(svc, o.Locations));
                    break;
                case PeerAuthenticationObject pa:
                    var peer = MeshMapper.Map(pa, o.Locations, peerAuthentications.Count);
                    Keep(peerAuthentications, o, "PeerAuthentication", peer.Namespace, peer.Name, peer, x => x.Location);
                    break;
                case DestinationRuleObject dr:
                    var rule = MeshMapper.Map(dr, o.Locations);
                    Keep(destinationRules, o, "DestinationRule", rule.Namespace, rule.Name, rule, x => x.Location);
                    break;
                case AuthorizationPolicyObject ap:
                    var authz = MeshMapper.Map(ap, o.Locations);
                    Keep(authorizationPolicies, o, "AuthorizationPolicy", authz.Namespace, authz.Name, authz, x => x.Location);
                    break;
                case V1Pod pod:
                    Add(workloads.FromPod(pod, o.Locations), pod);
                    break;
                case V1Role role:
                    AddRole(o, RbacMapper.Map(role, o.Locations));
                    break;
                case V1ClusterRole clusterRole:
                    AddRole(o, RbacMapper.Map(clusterRole, o.Locations));
                    break;
                case V1RoleBinding roleBinding:
                    AddBinding(o, RbacMapper.Map(roleBinding, o.Locations));
                    break;
                case V1ClusterRoleBinding clusterRoleBinding:
                    AddBinding(o, RbacMapper.Map(clusterRoleBinding, o.Locations));
                    break;
                case V1ServiceAccount serviceAccount:
                    var account = RbacMapper.Map(serviceAccount, o.Locations);
                    Keep(accounts, o, "ServiceAccount", account.Namespace, account.Name, account, x => x.Location);
                    break;
                case AuditPolicyObject auditPolicy:
                    auditPolicies.Add(AuditPolicyMapper.Map(auditPolicy, o.Locations));
                    break;
                default:
                    Add(Template(workloads, o), o.Model);
                    break;
            }
        }
        warnings.AddRange(workloads.Warnings);
        var realOwners = pods.Where(p => !p.FromTemplate).Select(p => p.Owner).ToHashSet();
        pods.RemoveAll(p => p.FromTemplate && realOwners.Contains(p.Owner));
        var snapshot = new NetworkSnapshot(namespaces.Values, pods, policies.Values, services, adminPolicies.Values, routes);
        if (PriorityConflict.Find(snapshot) is { } conflict)
            throw new InvalidInputException(conflict.Second.Location, conflict.Second.ToString(), "spec.priority",
                $"priority {conflict.Second.Priority} is also the priority of {conflict.First} ({conflict.First.Location}), and both select pod {conflict.SharedPod}: their order is undefined");
        var mesh = new MeshObjects
        {
            PeerAuthentications = peerAuthentications.Values.ToArray(),
            DestinationRules = destinationRules.Values.ToArray(),
            AuthorizationPolicies = authorizationPolicies.Values.ToArray(),
            Sidecars = sidecars.ToFrozenDictionary(),
        };
        var cluster = new Cluster(snapshot)
        {
            Objects = new ObjectIndex(resources),
            Duplicates = duplicates,
            Mesh = mesh,
            Roles = roles.Values.ToArray(),
            Bindings = bindings.Values.ToArray(),
            ServiceAccounts = accounts.Values.ToArray(),
            AuditPolicies = auditPolicies,
        };
        return new LoadedCluster(cluster, read.Ignored, warnings);
    }

    private static Pod Template(WorkloadMapper workloads, ManifestObject o) => o.Model switch
    {
        V1Deployment d => workloads.FromTemplate(o.Kind, d.Metadata, d.Spec?.Template, d.Spec?.Replicas ?? 1, "spec.template", o.Locations),
        V1ReplicaSet r => workloads.FromTemplate(o.Kind, r.Metadata, r.Spec?.Template, r.Spec?.Replicas ?? 1, "spec.template", o.Locations),
        V1StatefulSet s => workloads.FromTemplate(o.Kind, s.Metadata, s.Spec?.Template, s.Spec?.Replicas ?? 1, "spec.template", o.Locations),
        V1DaemonSet ds => workloads.FromTemplate(o.Kind, ds.Metadata, ds.Spec?.Template, 1, "spec.template", o.Locations),
        V1ReplicationController rc => workloads.FromTemplate(o.Kind, rc.Metadata, rc.Spec?.Template, rc.Spec?.Replicas ?? 1, "spec.template", o.Locations),
        V1Job j => workloads.FromTemplate(o.Kind, j.Metadata, j.Spec?.Template, j.Spec?.Parallelism ?? 1, "spec.template", o.Locations),
        V1CronJob c => workloads.FromTemplate(o.Kind, c.Metadata, c.Spec?.JobTemplate?.Spec?.Template, 1, "spec.jobTemplate.spec.template", o.Locations),
        _ => throw new InvalidOperationException($"no mapping for {o.Model.GetType().Name}"),
    };

    private static InvalidInputException Duplicate(ManifestObject o, string name, SourceLocation? previous) =>
        new(o.Location, name, "metadata.name", $"declared twice (first at {previous?.ToString() ?? "an earlier input"}); only one object of a kind may have a given name");
}
