using Palisade.Audit.Timeline;
using static Palisade.Core.Tests.Audit.Replaying;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>
/// The replay of an audit log's writes (issue 12, "State replay"; PRODUCT.md, "State for opened"): every verb,
/// every patch type, bodies preferred and missing, requests that changed nothing, handling order and stages.
/// </summary>
public sealed class ReplayTests
{
    private const string Db = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","labels":{"team":"dba"}},
         "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],
                 "ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}}],"ports":[{"port":5432}]},
                            {"from":[{"namespaceSelector":{"matchLabels":{"team":"ops"}}}],"ports":[{"port":9187}]}]}}
        """;

    private const string Cache = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"cache","namespace":"data","labels":{"team":"web"}},
         "spec":{"podSelector":{"matchLabels":{"app":"cache"}},"ingress":[{}]}}
        """;

    private const string Web = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"web","namespace":"shop"},
         "spec":{"podSelector":{},"ingress":[{}]}}
        """;

    private const string DataNamespace = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"data","labels":{"tier":"backend"}}}""";
    private const string ShopNamespace = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}""";
    private const string DbPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0","namespace":"data","labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"postgres"}]}}""";
    private const string Anp = """{"apiVersion":"policy.networking.k8s.io/v1alpha1","kind":"AdminNetworkPolicy","metadata":{"name":"deny-data"},"spec":{"priority":10,"subject":{"namespaces":{}},"ingress":[]}}""";

    private static ObjectStore Cluster() => Store(Db, Cache, Web, DataNamespace, ShopNamespace, DbPod, Anp);

    private static readonly Palisade.Model.ObjectKey DbKey = Key("NetworkPolicy data/db");

    private static string Policy(string name, string ns, string spec) =>
        $$"""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"{{name}}","namespace":"{{ns}}"},"spec":{{spec}}}""";

    // --- Each verb ---

    [Fact]
    public void A_create_adds_the_object()
    {
        var body = Policy("new", "data", """{"podSelector":{},"policyTypes":["Ingress"]}""");
        var result = Run([Event("create", "networkpolicies", "data", request: body, response: body)], Cluster());
        Same(body, result.Final.Get(Key("NetworkPolicy data/new")));
        var write = Assert.Single(Assert.Single(result.Changes).Writes);
        Assert.True(write.Created);
        Assert.Null(write.Before);
    }

    [Fact]
    public void An_update_sent_without_status_keeps_the_status_the_server_kept()
    {
        // kubectl replace sends a manifest without status; the API server keeps the stored status on an update of the
        // object itself (only the status subresource writes it), so the pod keeps its address and the Service its balancer.
        const string Pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"}},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running","podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}]}}""";
        const string Service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},"ports":[{"port":80}]},"status":{"loadBalancer":{"ingress":[{"ip":"34.1.2.3"}]}}}""";
        var result = Run([
            Event("update", "pods", "shop", "web-1", request: """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web","role":"client"}},"spec":{"containers":[{"name":"c"}]}}""", level: "Request", at: "03:00"),
            Event("update", "services", "shop", "web", request: """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"LoadBalancer","selector":{"app":"web"},"ports":[{"port":8080}]},"status":{}}""", level: "Request", at: "03:01"),
        ], Store(ShopNamespace, Pod, Service));
        var pod = result.Final.Get(Key("Pod shop/web-1"))!;
        Assert.Equal(("client", "10.1.0.5"), (pod["metadata"]!["labels"]!["role"]!.GetValue<string>(), pod["status"]!["podIP"]!.GetValue<string>()));
        var service = result.Final.Get(Key("Service shop/web"))!;
        Assert.Equal((8080, "34.1.2.3"), (service["spec"]!["ports"]![0]!["port"]!.GetValue<int>(), service["status"]!["loadBalancer"]!["ingress"]![0]!["ip"]!.GetValue<string>()));
    }

    [Fact]
    public void A_service_updated_without_its_cluster_ip_keeps_it()
    {
        // The API server fills an update's empty clusterIP, clusterIPs and node ports from the stored Service (kubectl replace
        // of a manifest): the address flows are resolved by stays the Service's.
        const string Service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","clusterIP":"10.96.0.20","clusterIPs":["10.96.0.20"],"selector":{"app":"web"},"ports":[{"port":80,"protocol":"TCP","nodePort":30080},{"port":443,"protocol":"TCP","nodePort":30443}]}}""";
        var result = Run([
            Event("update", "services", "shop", "web", request: """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","selector":{"app":"web","v":"2"},"ports":[{"port":80},{"port":8443,"nodePort":31000}]}}""", level: "Request", at: "03:00"),
        ], Store(ShopNamespace, Service));
        var spec = result.Final.Get(Key("Service shop/web"))!["spec"]!;
        Assert.Equal(("10.96.0.20", "10.96.0.20", "2"), (spec["clusterIP"]!.GetValue<string>(), spec["clusterIPs"]![0]!.GetValue<string>(), spec["selector"]!["v"]!.GetValue<string>()));
        Assert.Equal([30080, 31000], spec["ports"]!.AsArray().Select(p => p!["nodePort"]!.GetValue<int>()));
    }

    [Fact]
    public void An_update_replaces_the_body()
    {
        var body = Policy("db", "data", """{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{}]}""");
        var result = Run([Event("update", "networkpolicies", "data", "db", request: body, level: "Request")], Cluster());
        Same(body, result.Final.Get(DbKey));
        var write = Assert.Single(Assert.Single(result.Changes).Writes);
        Same(Db, write.Before);
        Assert.False(write.Created);
        Assert.False(write.Deleted);
    }

    [Fact]
    public void A_status_write_changes_the_status_and_never_the_spec()
    {
        // The status subresource's strategies keep the stored spec whatever the body says (Kubernetes: the status
        // strategy's PrepareForUpdate copies the old spec): a controller's status update sent from a copy it read before
        // the user's change does not undo the change.
        const string Deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}},"status":{"replicas":1}}""";
        const string Service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"ClusterIP","selector":{"app":"web"},"ports":[{"port":80}]}}""";
        const string Controller = "system:serviceaccount:kube-system:deployment-controller";
        var result = Run([
            Event("patch", "deployments", "shop", "web", request: """{"spec":{"template":{"metadata":{"labels":{"role":"client"}}}}}""", level: "Request", at: "03:00"),
            Event("update", "deployments", "shop", "web", subresource: "status", user: Controller, level: "Request", at: "03:00:01",
                request: Deployment.Replace("\"replicas\":1", "\"replicas\":2", StringComparison.Ordinal)),
            Event("patch", "services", "shop", "web", request: """{"spec":{"type":"LoadBalancer"}}""", level: "Request", at: "03:01"),
            Event("patch", "services", "shop", "web", subresource: "status", user: "system:serviceaccount:kube-system:service-controller", level: "Request", at: "03:01:01",
                request: """{"spec":{"type":"ClusterIP"},"status":{"loadBalancer":{"ingress":[{"ip":"198.51.100.9"}]}}}"""),
        ], Store(Deployment, Service));
        var deployment = result.Final.Get(Key("Deployment shop/web"))!;
        Same("""{"app":"web","role":"client"}""", deployment["spec"]!["template"]!["metadata"]!["labels"]);
        Same("""{"replicas":2}""", deployment["status"]);
        var service = result.Final.Get(Key("Service shop/web"))!;
        Same("\"LoadBalancer\"", service["spec"]!["type"]);
        Same("""{"loadBalancer":{"ingress":[{"ip":"198.51.100.9"}]}}""", service["status"]);
    }

    [Fact]
    public void A_delete_removes_the_object_and_a_status_response_says_nothing_of_it()
    {
        var result = Run([Event("delete", "networkpolicies", "data", "db",
            response: """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"db","kind":"networkpolicies"}}""")], Cluster());
        Assert.Null(result.Final.Get(DbKey));
        Assert.False(result.Final.IsUnknown(DbKey));
        Assert.True(Assert.Single(Assert.Single(result.Changes).Writes).Deleted);
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy data/cache")));
    }

    [Fact]
    public void A_delete_answered_with_the_object_still_removes_it()
    {
        var terminating = Db.Replace("\"labels\"", "\"deletionTimestamp\":\"2024-05-01T03:00:00Z\",\"labels\"", StringComparison.Ordinal);
        var result = Run([Event("delete", "networkpolicies", "data", "db", response: terminating)], Cluster());
        Assert.Null(result.Final.Get(DbKey));
        Assert.False(result.Final.IsUnknown(DbKey));
    }

    [Fact]
    public void A_pod_deleted_gracefully_terminates_until_its_kubelet_deletes_it()
    {
        // The API server answers a graceful delete with the pod, a deletionTimestamp and the grace period left: it is still
        // there, terminating; the kubelet's delete once the containers stopped (no grace left) removes it.
        var terminating = DbPod.Replace("\"labels\"", "\"deletionTimestamp\":\"2024-05-01T03:00:30Z\",\"deletionGracePeriodSeconds\":30,\"labels\"", StringComparison.Ordinal);
        var removed = terminating.Replace("\"deletionGracePeriodSeconds\":30", "\"deletionGracePeriodSeconds\":0", StringComparison.Ordinal);
        var key = Key("Pod data/db-0");

        var graceful = Run([Event("delete", "pods", "data", "db-0", at: "03:00", response: terminating)], Cluster());
        Same(terminating, graceful.Final.Get(key));
        Assert.False(Assert.Single(Assert.Single(graceful.Changes).Writes).Deleted);

        var finished = Run([Event("delete", "pods", "data", "db-0", at: "03:00", response: terminating),
            Event("delete", "pods", "data", "db-0", user: "system:node:node-1", at: "03:00:28", response: removed)], Cluster());
        Assert.Null(finished.Final.Get(key));
        Assert.False(finished.Final.IsUnknown(key));
    }

    [Fact]
    public void A_status_write_without_its_body_leaves_a_known_object_as_it_was()
    {
        // Metadata level: a status write cannot change labels or spec; the pod does not become unknown.
        var result = Run([Event("patch", "pods", "data", "db-0", subresource: "status", user: "system:node:node-1", level: "Metadata")], Cluster());
        var key = Key("Pod data/db-0");
        Same(DbPod, result.Final.Get(key));
        Assert.False(result.Final.IsUnknown(key));
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void A_deletecollection_without_selector_removes_every_object_of_the_kind_in_the_namespace()
    {
        var result = Run([Event("deletecollection", "networkpolicies", "data", level: "Metadata")], Cluster());
        Assert.Null(result.Final.Get(DbKey));
        Assert.Null(result.Final.Get(Key("NetworkPolicy data/cache")));
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy shop/web")));
        Assert.NotNull(result.Final.Get(Key("Pod data/db-0")));
        Assert.NotNull(result.Final.Get(Key("Namespace data")));
        Assert.Equal(["NetworkPolicy data/cache", "NetworkPolicy data/db"],
            Assert.Single(result.Changes).Writes.Select(w => w.Key.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("labelSelector=team%3Ddba", "NetworkPolicy data/db")]
    [InlineData("labelSelector=team%21%3Ddba", "NetworkPolicy data/cache")]
    [InlineData("labelSelector=team", "NetworkPolicy data/cache,NetworkPolicy data/db")]
    [InlineData("labelSelector=team%3Dnobody", "")]
    public void A_deletecollection_with_a_label_selector_removes_only_what_it_selects(string query, string removed)
    {
        var result = Run([Event("deletecollection", "networkpolicies", "data", query: query, level: "Metadata")], Cluster());
        var gone = new[] { "NetworkPolicy data/db", "NetworkPolicy data/cache" }.Where(k => result.Final.Get(Key(k)) is null);
        Assert.Equal(removed, string.Join(",", gone.Order(StringComparer.Ordinal)));
        Assert.NotNull(result.Final.Get(Key("NetworkPolicy shop/web")));
    }

    [Theory]
    [InlineData("fieldSelector=status.phase%3DFailed", "Pod data/batch-1")]
    [InlineData("fieldSelector=status.phase%3D%3DFailed", "Pod data/batch-1")]
    [InlineData("fieldSelector=status.phase%21%3DRunning", "Pod data/batch-1")]
    [InlineData("fieldSelector=metadata.name%3Ddb-0", "Pod data/db-0")]
    [InlineData("fieldSelector=spec.nodeName%3Dnode-2,status.phase%3DFailed", "")]
    [InlineData("fieldSelector=spec.hostNetwork%3Dtrue", "")]
    [InlineData("labelSelector=app%3Dbatch&fieldSelector=status.phase%3DFailed", "Pod data/batch-1")]
    [InlineData("labelSelector=app%3Ddb&fieldSelector=status.phase%3DFailed", "")]
    public void A_deletecollection_with_a_field_selector_removes_only_what_its_fields_select(string query, string removed)
    {
        // kubectl delete pods --field-selector status.phase=Failed: the running pod stays.
        const string running = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0","namespace":"data","labels":{"app":"db"}},"spec":{"nodeName":"node-1"},"status":{"phase":"Running"}}""";
        const string failed = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"batch-1","namespace":"data","labels":{"app":"batch"}},"spec":{"nodeName":"node-1"},"status":{"phase":"Failed"}}""";
        var result = Run([Event("deletecollection", "pods", "data", query: query, level: "Metadata")], Store(DataNamespace, running, failed));
        var gone = new[] { "Pod data/batch-1", "Pod data/db-0" }.Where(k => result.Final.Get(Key(k)) is null);
        Assert.Equal(removed, string.Join(",", gone.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void A_pod_created_by_generate_name_without_its_response_is_followed_by_the_name_a_later_patch_gives_it()
    {
        // The ReplicaSet controller at Request level: the create sends only generateName; the kubelet's status patch
        // names the pod the server made (the prefix and five characters) and gives its address.
        const string template = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-7d9f8-","namespace":"data","labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}""";
        const string status = """{"status":{"phase":"Running","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"}]}}""";
        var result = Run([
            Event("create", "pods", "data", request: template, level: "Request", code: 201, at: "03:00"),
            Event("patch", "pods", "data", "web-7d9f8-toolong", subresource: "status", request: status, level: "Request", at: "03:01"),
            Event("patch", "pods", "data", "web-7d9f8-x2k4p", subresource: "status", request: status, level: "Request", at: "03:02"),
        ], Store(DataNamespace));
        var pod = result.Final.Get(Key("Pod data/web-7d9f8-x2k4p"));
        Assert.NotNull(pod);
        Assert.Equal("web", (string?)pod!["metadata"]!["labels"]!["app"]);
        Assert.Equal("10.244.1.7", (string?)pod["status"]!["podIP"]);
        Assert.Null(result.Final.Get(Key("Pod data/web-7d9f8-toolong")));
    }

    [Fact]
    public void A_generate_name_longer_than_58_characters_is_cut_as_the_api_server_cuts_it()
    {
        // A ReplicaSet of a 50-character Deployment: its 61-character prefix loses 3 characters before the 5 are added.
        var prefix = new string('a', 50) + "-7d9f8bc4-";
        var template = """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"PREFIX","namespace":"data","labels":{"app":"long"}}}""".Replace("PREFIX", prefix, StringComparison.Ordinal);
        var name = prefix[..58] + "x2k4p";
        var result = Run([
            Event("create", "pods", "data", request: template, level: "Request", code: 201, at: "03:00"),
            Event("patch", "pods", "data", name, subresource: "status", request: """{"status":{"podIP":"10.244.1.9"}}""", level: "Request", at: "03:01"),
        ], Store(DataNamespace));
        Assert.Equal("long", (string?)result.Final.Get(Key($"Pod data/{name}"))?["metadata"]?["labels"]?["app"]);
    }

    [Fact]
    public void Deleting_a_namespace_removes_everything_in_it_and_nothing_else()
    {
        var result = Run([Event("delete", "namespaces", name: "data")], Cluster());
        Assert.Equal(["AdminNetworkPolicy deny-data", "Namespace shop", "NetworkPolicy shop/web"],
            result.Final.Objects.Select(o => o.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["Namespace data", "NetworkPolicy data/cache", "NetworkPolicy data/db", "Pod data/db-0"],
            Assert.Single(result.Changes).Writes.Select(w => w.Key.ToString()).Order(StringComparer.Ordinal));
        Assert.All(result.Changes[0].Writes, w => Assert.True(w.Deleted));
    }

    [Fact]
    public void Deleting_a_namespace_also_ends_what_was_unknown_in_it()
    {
        // The namespace's objects are gone whatever their bodies were.
        var result = Run([
            Event("update", "networkpolicies", "data", "db", level: "Metadata", at: "03:00"),
            Event("delete", "namespaces", name: "data", at: "03:05"),
        ], Cluster());
        Assert.False(result.Final.IsUnknown(DbKey));
        Assert.Null(result.Final.Get(DbKey));
        Assert.Empty(result.Final.Unknown);
    }

    [Fact]
    public void A_cluster_scoped_tier_is_replayed_by_name()
    {
        var result = Run([Event("delete", "adminnetworkpolicies", name: "deny-data")], Cluster());
        Assert.Null(result.Final.Get(Key("AdminNetworkPolicy deny-data")));
        Assert.Equal("AdminNetworkPolicy deny-data", Assert.Single(result.Changes).ObjectText);
    }

    [Fact]
    public void A_create_with_generate_name_takes_the_name_the_server_gave()
    {
        var request = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"generateName":"tmp-","namespace":"data"},"spec":{"podSelector":{}}}""";
        var response = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"tmp-x7k2p","generateName":"tmp-","namespace":"data"},"spec":{"podSelector":{}}}""";
        var result = Run([Event("create", "networkpolicies", "data", request: request, response: response)], Cluster());
        Same(response, result.Final.Get(Key("NetworkPolicy data/tmp-x7k2p")));
        Assert.Equal("NetworkPolicy data/tmp-x7k2p", Assert.Single(result.Alerts).Object);
    }

    [Fact]
    public void A_pod_status_update_sets_the_pod_IPs_and_other_subresources_write_nothing()
    {
        var withIp = DbPod.Replace("\"spec\"", "\"status\":{\"podIP\":\"10.1.0.7\",\"podIPs\":[{\"ip\":\"10.1.0.7\"}]},\"spec\"", StringComparison.Ordinal);
        var result = Run([
            Event("update", "pods", "data", "db-0", subresource: "status", request: withIp, response: withIp, user: "system:node:n1", at: "03:00"),
            Event("create", "pods", "data", "db-0", subresource: "binding", request: """{"kind":"Binding","apiVersion":"v1","metadata":{"name":"db-0"},"target":{"kind":"Node","name":"n1"}}""", user: "system:kube-scheduler", at: "03:01"),
            Event("create", "pods", "data", "db-0", subresource: "eviction", request: """{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"db-0"}}""", at: "03:02"),
        ], Cluster());
        Same(withIp, result.Final.Get(Key("Pod data/db-0")));
        Assert.Equal("Pod data/db-0", Assert.Single(Assert.Single(result.Changes).Writes).Key.ToString());
    }

    // --- Bodies: which one is taken ---

    [Fact]
    public void The_response_body_is_preferred_over_the_request_body()
    {
        // The server defaulted policyTypes and added a resourceVersion.
        var request = Policy("new", "data", """{"podSelector":{}}""");
        var response = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"new","namespace":"data","resourceVersion":"42"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""";
        var result = Run([Event("create", "networkpolicies", "data", request: request, response: response)], Cluster());
        Same(response, result.Final.Get(Key("NetworkPolicy data/new")));
    }

    [Fact]
    public void A_patch_with_a_response_body_takes_the_response_not_the_patch_applied()
    {
        var response = Policy("db", "data", """{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{}]}""");
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: """{"metadata":{"labels":{"team":"other"}}}""", response: response)], Cluster());
        Same(response, result.Final.Get(DbKey));
    }

    [Fact]
    public void A_body_without_kind_and_apiVersion_is_given_them_from_the_request()
    {
        var result = Run([Event("create", "networkpolicies", "data", request: """{"metadata":{"name":"bare","namespace":"data"},"spec":{"podSelector":{}}}""", level: "Request")], Cluster());
        Same("""{"metadata":{"name":"bare","namespace":"data"},"spec":{"podSelector":{}},"kind":"NetworkPolicy","apiVersion":"networking.k8s.io/v1"}""",
            result.Final.Get(Key("NetworkPolicy data/bare")));
    }

    // --- Each patch type, applied to the previous body when no response was recorded ---

    [Fact]
    public void A_json_patch_is_applied_to_the_previous_body()
    {
        var patch = """
            [{"op":"replace","path":"/spec/ingress/0/ports/0/port","value":6432},
             {"op":"remove","path":"/spec/ingress/1"},
             {"op":"add","path":"/metadata/labels/changed","value":"yes"}]
            """;
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: patch, level: "Request",
            query: "fieldManager=kubectl-patch")], Cluster());
        Same("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","labels":{"team":"dba","changed":"yes"}},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"policyTypes":["Ingress"],
                     "ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"api"}}}],"ports":[{"port":6432}]}]}}
            """, result.Final.Get(DbKey));
    }

    [Fact]
    public void A_merge_patch_merges_maps_removes_nulls_and_replaces_lists()
    {
        var patch = """{"metadata":{"labels":{"team":null,"owner":"eve"}},"spec":{"policyTypes":null,"ingress":[{"ports":[{"port":5432}]}]}}""";
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: patch, level: "Request")], Cluster());
        Same("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","labels":{"owner":"eve"}},
             "spec":{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{"ports":[{"port":5432}]}]}}
            """, result.Final.Get(DbKey));
    }

    [Fact]
    public void A_strategic_merge_patch_replaces_network_policy_lists_and_honours_its_directives()
    {
        // kubectl's strategic merge patch: NetworkPolicy's rule and peer lists have no merge key, so the rule sent
        // replaces both rules (the first rule's "from" is not kept); $setElementOrder is an ordering hint only;
        // "$patch: replace" replaces the labels map; "$patch: delete" removes podSelector's matchLabels.
        var patch = """
            {"metadata":{"labels":{"$patch":"replace","owner":"eve"}},
             "spec":{"$setElementOrder/ingress":[{"ports":[{"port":5432}]}],
                     "podSelector":{"matchLabels":{"$patch":"delete"}},
                     "ingress":[{"ports":[{"port":5432}]}]}}
            """;
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: patch, level: "Request",
            query: "fieldManager=kubectl-client-side-apply")], Cluster());
        Same("""
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","labels":{"owner":"eve"}},
             "spec":{"podSelector":{},"policyTypes":["Ingress"],"ingress":[{"ports":[{"port":5432}]}]}}
            """, result.Final.Get(DbKey));
    }

    [Theory]
    [InlineData("""{"spec":{"egress":[{"ports":[{"port":53,"protocol":"UDP"}]}]}}""")]
    [InlineData("""[{"op":"add","path":"/spec/egress/-","value":{"ports":[{"port":53,"protocol":"UDP"}]}}]""")]
    [InlineData("""[{"op":"add","path":"/spec/ingress/-","value":{"ports":[{"port":5432}]}}]""")]
    [InlineData("""{"metadata":{"labels":{"owner":"eve"}}}""")]
    public void A_policy_written_without_policy_types_keeps_the_ones_the_server_defaulted_it_when_patched(string patch)
    {
        // The API server defaulted the manifest's policyTypes when it stored it: Ingress, and Egress only for a policy with
        // egress rules (an empty list has none). A patch applies to the stored object, so rules added to egress later do not
        // isolate the pods for egress: the policyTypes stay as stored (Kubernetes, SetDefaults_NetworkPolicySpec).
        var open = Policy("open", "data", """{"podSelector":{},"ingress":[{}],"egress":[]}""");
        var result = Run([Event("patch", "networkpolicies", "data", "open", request: patch, level: "Request")], Store(open));
        Same("""["Ingress"]""", result.Final.Get(Key("NetworkPolicy data/open"))!["spec"]!["policyTypes"]);
    }

    [Fact]
    public void Patches_apply_one_after_another()
    {
        var result = Run([
            Event("patch", "networkpolicies", "data", "db", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """[{"op":"add","path":"/spec/ingress/-","value":{"ports":[{"port":1}]}}]""", level: "Request", at: "03:01"),
        ], Cluster());
        Same("""[{},{"ports":[{"port":1}]}]""", result.Final.Get(DbKey)!["spec"]!["ingress"]);
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/spec/podSelector","value":{}}]""")]
    [InlineData("""[{"op":"remove","path":"/spec/egress"}]""")]
    [InlineData("""[{"op":1,"path":"/spec"}]""")]
    [InlineData("""[{"op":"add","path":7,"value":1}]""")]
    [InlineData("""[{"op":"move","from":["x"],"path":"/spec/x"}]""")]
    public void A_patch_that_cannot_be_applied_leaves_the_object_unknown(string patch)
    {
        // The server applied it (status 200), so the state after it is not the previous body: unknown.
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: patch, level: "Request")], Cluster());
        Assert.True(result.Final.IsUnknown(DbKey));
        Assert.Null(result.Final.Get(DbKey));
    }

    [Fact]
    public void A_json_patch_reaches_what_the_server_sets_and_a_manifest_leaves_out()
    {
        // kubectl patch --type=json on objects the cluster holds as manifests: the server's objects have a Service's
        // spec.type, a Namespace's labels (its name label), a policy's policyTypes and a Deployment's replicas, so it replaced,
        // added and tested them.
        var service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"api","namespace":"shop"},"spec":{"ports":[{"port":80}]}}""";
        var result = Run([
            Event("patch", "services", "shop", "api", level: "Request", at: "03:00",
                request: """[{"op":"test","path":"/spec/sessionAffinity","value":"None"},{"op":"replace","path":"/spec/type","value":"NodePort"}]"""),
            Event("patch", "namespaces", name: "shop", level: "Request", at: "03:01", request: """[{"op":"add","path":"/metadata/labels/team","value":"web"}]"""),
            Event("patch", "networkpolicies", "data", "cache", level: "Request", at: "03:02",
                request: """[{"op":"replace","path":"/spec/policyTypes","value":["Ingress","Egress"]}]"""),
            Event("patch", "deployments", "shop", "web", level: "Request", at: "03:03", request: """[{"op":"replace","path":"/spec/replicas","value":3}]"""),
        ], Store(Db, Cache, DataNamespace, ShopNamespace, service,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}"""));
        Assert.Equal("NodePort", result.Final.Get(Key("Service shop/api"))?["spec"]?["type"]?.GetValue<string>());
        Same("""{"kubernetes.io/metadata.name":"shop","team":"web"}""", result.Final.Get(Key("Namespace shop"))?["metadata"]?["labels"]);
        Same("""["Ingress","Egress"]""", result.Final.Get(Key("NetworkPolicy data/cache"))?["spec"]?["policyTypes"]);
        Assert.Equal(3, result.Final.Get(Key("Deployment shop/web"))?["spec"]?["replicas"]?.GetValue<int>());
        Assert.Equal(["exposure-change Service shop/api", "network-policy-tampering NetworkPolicy data/cache"], Raised(result));
        Assert.Equal("mallory patched Service shop/api: changed from ClusterIP to NodePort", result.Alerts[0].Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_patch_that_created_its_object_is_the_patch_applied_to_nothing(bool fromCluster)
    {
        // kubectl apply --server-side, Flux and Argo CD create with a patch answered 201 Created; logged at Request level,
        // the patch (the applied configuration) is the whole object, known whether or not a state came before.
        var applied = Policy("new", "data", """{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{}]}""");
        var result = Run([Event("patch", "networkpolicies", "data", "new", request: applied, level: "Request", code: 201, query: "fieldManager=kubectl&fieldValidation=Strict&force=false")],
            fromCluster ? Cluster() : null, complete: fromCluster);
        Same(applied, result.Final.Get(Key("NetworkPolicy data/new")));
        var write = Assert.Single(Assert.Single(result.Changes).Writes);
        Assert.True(write.Created);
    }

    [Fact]
    public void A_server_side_apply_removes_what_the_same_manager_applied_before_and_no_longer_applies()
    {
        // Server-side apply: the applied configuration is all the manager wants; a field it applied before and leaves out
        // now is removed, while fields other managers set stay (Kubernetes, "Server-Side Apply", field management). Flux
        // dropping a namespace's label from its manifest removes the label; the label kubectl added stays.
        const string Flux = "fieldManager=kustomize-controller&force=true";
        var result = Run([
            Event("patch", "namespaces", name: "shop", level: "Request", code: 201, query: Flux, at: "03:00",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"shop","env":"prod"}}}"""),
            Event("patch", "namespaces", name: "shop", level: "Request", query: "fieldManager=kubectl-label", at: "03:01",
                request: """{"metadata":{"labels":{"access":"db"}}}"""),
            Event("patch", "namespaces", name: "shop", level: "Request", query: Flux, at: "03:02",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"shop"}}}"""),
        ], Store());
        Same("""{"team":"shop","access":"db"}""", result.Final.Get(Key("Namespace shop"))!["metadata"]!["labels"]);
    }

    [Fact]
    public void A_server_side_apply_leaves_the_policy_types_the_server_defaulted()
    {
        // policyTypes the server defaulted (egress rules were applied) are no manager's: the apply that drops the egress
        // rules leaves the pods isolated for egress, with no rule admitting anything.
        const string Flux = "fieldManager=kustomize-controller";
        var result = Run([
            Event("patch", "networkpolicies", "data", "open", level: "Request", code: 201, query: Flux, at: "03:00",
                request: Policy("open", "data", """{"podSelector":{},"egress":[{}]}""")),
            Event("patch", "networkpolicies", "data", "open", level: "Request", query: Flux, at: "03:01",
                request: Policy("open", "data", """{"podSelector":{}}""")),
        ], Store());
        Same("""{"podSelector":{},"policyTypes":["Ingress","Egress"]}""", result.Final.Get(Key("NetworkPolicy data/open"))!["spec"]);
    }

    [Fact]
    public void A_merge_patch_that_names_its_kind_is_not_an_apply()
    {
        // kubectl patch sends its own field manager (kubectl-patch) whatever the body holds: two such patches merge.
        const string Patch = "fieldManager=kubectl-patch";
        var result = Run([
            Event("patch", "namespaces", name: "shop", level: "Request", query: Patch, at: "03:00",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"env":"prod"}}}"""),
            Event("patch", "namespaces", name: "shop", level: "Request", query: Patch, at: "03:01",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"shop"}}}"""),
        ], Store(ShopNamespace));
        Same("""{"env":"prod","team":"shop"}""", result.Final.Get(Key("Namespace shop"))!["metadata"]!["labels"]);
    }

    [Fact]
    public void A_server_side_apply_leaves_what_it_applied_unchanged_from_another_manager()
    {
        // Two managers that set a field to the same value share it: the namespace's labels were created by kubectl create;
        // an apply that repeated them and later drops them leaves them to their first owner. Only its own label goes.
        const string Apply = "fieldManager=kubectl&force=false";
        var result = Run([
            Event("patch", "namespaces", name: "shop", level: "Request", query: Apply, at: "03:00",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"shop","env":"prod","owner":"me"}}}"""),
            Event("patch", "namespaces", name: "shop", level: "Request", query: Apply, at: "03:01",
                request: """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"tier":"front"}}}"""),
        ], Store("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","labels":{"team":"shop","env":"prod"}}}"""));
        Same("""{"team":"shop","env":"prod","tier":"front"}""", result.Final.Get(Key("Namespace shop"))!["metadata"]!["labels"]);
    }

    [Fact]
    public void A_server_side_apply_removes_a_keyed_list_element_the_manager_no_longer_applies()
    {
        const string Argo = "fieldManager=argocd-controller";
        static string Deployment(string containers, string ports) =>
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","ports":"""
            + ports + "}" + containers + "]}}}}";
        var result = Run([
            Event("patch", "deployments", "shop", "web", level: "Request", code: 201, query: Argo, at: "03:00",
                request: Deployment(""",{"name":"sidecar","image":"envoy"}""", """[{"containerPort":8080,"name":"http"},{"containerPort":9090,"name":"admin"}]""")),
            // The namespace is the request's whether the configuration names it or not.
            Event("patch", "deployments", "shop", "web", level: "Request", query: Argo, at: "03:01",
                request: Deployment("", """[{"containerPort":8080,"name":"http"}]""").Replace(",\"namespace\":\"shop\"", "", StringComparison.Ordinal)),
        ], Store());
        var deployment = result.Final.Get(Key("Deployment shop/web"))!;
        Same("""[{"name":"web","image":"nginx","ports":[{"containerPort":8080,"name":"http"}]}]""", deployment["spec"]!["template"]!["spec"]!["containers"]);
        Same("\"shop\"", deployment["metadata"]!["namespace"]);
    }

    private static string GkePatch(string id, string name, string request) =>
        $$$"""{"insertId":"{{{id}}}","labels":{"authorization.k8s.io/decision":"allow"},"logName":"projects/p/logs/cloudaudit.googleapis.com%2Factivity","operation":{"first":true,"id":"{{{id}}}","last":true,"producer":"k8s.io"},"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","authenticationInfo":{"principalEmail":"mallory@example.com"},"methodName":"io.k8s.networking.v1.networkpolicies.patch","resourceName":"networking.k8s.io/v1/namespaces/data/networkpolicies/{{{name}}}","serviceName":"k8s.io","status":{},"request":{{{request}}}},"resource":{"type":"k8s_cluster"},"timestamp":"2024-05-01T03:00:00Z"}""";

    [Fact]
    public void A_gke_patch_of_an_absent_object_with_an_apply_configuration_created_it()
    {
        // GKE writes OK for 200 and 201 alike: of an object the complete state lacks, an apply configuration (apiVersion
        // and kind) created it, and another patch found an object the dump lacked.
        var applied = Policy("new", "data", """{"podSelector":{},"ingress":[{}]}""");
        var result = Run([
            GkePatch("g-1", "new", applied),
            GkePatch("g-2", "other", """{"metadata":{"labels":{"x":"y"}}}"""),
        ], Cluster());
        Same(applied, result.Final.Get(Key("NetworkPolicy data/new")));
        Assert.True(Assert.Single(result.Changes[0].Writes).Created);
        Assert.True(result.Final.IsUnknown(Key("NetworkPolicy data/other")));
    }

    [Fact]
    public void A_strategic_directive_that_is_not_a_string_is_dropped_like_the_others()
    {
        var result = Run([Event("patch", "networkpolicies", "data", "db", request: """{"metadata":{"labels":{"x":"y"}},"spec":{"podSelector":{"$patch":7}}}""", level: "Request")], Cluster());
        Same(Db.Replace("{\"team\":\"dba\"}", "{\"team\":\"dba\",\"x\":\"y\"}", StringComparison.Ordinal), result.Final.Get(DbKey));
    }

    // --- Writes recorded without a body ---

    [Fact]
    public void A_write_recorded_at_metadata_level_makes_the_object_unknown_until_a_write_with_a_body()
    {
        var known = Policy("db", "data", """{"podSelector":{},"policyTypes":["Ingress"]}""");
        var result = Run([
            Event("update", "networkpolicies", "data", "db", level: "Metadata", at: "03:00"),
            Event("patch", "networkpolicies", "data", "db", request: """{"metadata":{"labels":{"x":"y"}}}""", level: "Request", at: "03:01"),
            Event("update", "networkpolicies", "data", "db", request: known, level: "Request", at: "03:02"),
        ], Cluster());
        Assert.Equal(3, result.Changes.Count);

        var metadataOnly = result.Changes[0];
        Assert.True(metadataOnly.After.IsUnknown(DbKey));
        Assert.Null(metadataOnly.After.Get(DbKey));
        Assert.Equal((true, false), (metadataOnly.Write!.BeforeKnown, metadataOnly.Write.AfterKnown));

        // A patch has nothing to apply to: still unknown.
        var patch = result.Changes[1];
        Assert.True(patch.After.IsUnknown(DbKey));
        Assert.Equal((false, false), (patch.Write!.BeforeKnown, patch.Write.AfterKnown));

        // A body makes it known again; what it was before is still unknown.
        var update = result.Changes[2];
        Assert.False(update.After.IsUnknown(DbKey));
        Same(known, update.After.Get(DbKey));
        Assert.Equal((false, true), (update.Write!.BeforeKnown, update.Write.AfterKnown));
        Assert.Empty(result.Final.Unknown);
    }

    [Fact]
    public void A_create_recorded_at_metadata_level_is_unknown_and_its_delete_known()
    {
        var result = Run([
            Event("create", "networkpolicies", "data", "tmp", level: "Metadata", at: "03:00"),
            Event("delete", "networkpolicies", "data", "tmp", level: "Metadata", at: "03:01"),
        ], Cluster());
        Assert.True(result.Changes[0].After.IsUnknown(Key("NetworkPolicy data/tmp")));
        Assert.False(result.Final.IsUnknown(Key("NetworkPolicy data/tmp")));
        Assert.Null(result.Final.Get(Key("NetworkPolicy data/tmp")));
    }

    [Fact]
    public void A_create_that_succeeded_proves_its_object_was_absent_whatever_the_replay_still_held()
    {
        // The replay may still hold the name: a delete the log did not record, a dump taken after the log began, or the same
        // names in several clusters' logs read together. The API server answers a create only for an absent object.
        const string Service = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""";
        const string Binding = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"pwn"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User","name":"eve"}]}""";
        const string HostPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"hn","namespace":"shop"},"spec":{"hostNetwork":true,"containers":[{"name":"c"}]}}""";
        var stale = Policy("new", "data", """{"podSelector":{},"policyTypes":["Ingress"]}""");
        var open = Policy("new", "data", """{"podSelector":{},"ingress":[{}]}""");
        var result = Run([
            Event("create", "services", "shop", request: Service, level: "Request", at: "03:00"),
            Event("create", "clusterrolebindings", request: Binding, level: "Request", at: "03:01"),
            Event("create", "pods", "shop", request: HostPod, level: "Request", at: "03:02"),
            Event("create", "services", "shop", request: Service, level: "Request", at: "03:10"),
            Event("create", "clusterrolebindings", request: Binding, level: "Request", at: "03:11"),
            Event("create", "pods", "shop", request: HostPod, level: "Request", at: "03:12"),
            Event("create", "networkpolicies", "data", request: open, level: "Request", at: "03:13"),
        ], Store(Db, Cache, Web, DataNamespace, ShopNamespace, DbPod, Anp, stale));
        Assert.Equal([
            "exposure-change Service shop/web", "rbac-escalation ClusterRoleBinding pwn", "host-network-pod Pod shop/hn",
            "exposure-change Service shop/web", "rbac-escalation ClusterRoleBinding pwn", "host-network-pod Pod shop/hn",
            "network-policy-tampering NetworkPolicy data/new",
        ], Raised(result));
        var write = Assert.Single(result.Changes[^1].Writes);
        Assert.True(write.Created);
        Assert.Null(result.Changes[^1].Before.Get(Key("NetworkPolicy data/new")));
    }

    // --- Requests that changed nothing ---

    [Theory]
    [InlineData("dry run", 200, "allow", "dryRun=All")]
    [InlineData("failed: conflict", 409, "allow", null)]
    [InlineData("failed: invalid", 422, "allow", null)]
    [InlineData("failed: forbidden", 403, "forbid", null)]
    [InlineData("denied, no status recorded", null, "forbid", null)]
    public void A_request_that_did_not_take_effect_changes_nothing_and_raises_nothing(string what, int? code, string decision, string? query)
    {
        var open = Policy("db", "data", """{"podSelector":{},"ingress":[{}]}""");
        var lines = new[]
        {
            Event("update", "networkpolicies", "data", "db", request: open, response: open, code: code, decision: decision, query: query, at: "03:00"),
            Event("delete", "networkpolicies", "data", "cache", code: code, decision: decision, query: query, at: "03:01"),
            Event("create", "services", "data", request: """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"data"},"spec":{"type":"NodePort"}}""", code: code, decision: decision, query: query, at: "03:02"),
            Event("delete", "namespaces", name: "data", code: code, decision: decision, query: query, at: "03:03"),
        };
        var result = Run(lines, Cluster());
        Assert.True(result.Changes.Count == 0, what);
        Assert.Equal(Cluster().Objects.OrderBy(o => o.Key.ToString()).Select(o => o.Value.ToJsonString()),
            result.Final.Objects.OrderBy(o => o.Key.ToString()).Select(o => o.Value.ToJsonString()));
        Assert.Empty(result.Alerts);
        Assert.Equal(4, result.Events);
    }

    // --- Handling order and stages ---

    [Fact]
    public void Events_delivered_out_of_order_are_replayed_by_the_time_the_request_was_received()
    {
        var opened = Policy("db", "data", """{"podSelector":{},"ingress":[{}]}""");
        var result = Run([
            Event("delete", "networkpolicies", "data", "db", at: "03:10"),
            Event("create", "networkpolicies", "data", "db", request: opened, response: opened, at: "03:05:00.000002"),
            Event("update", "networkpolicies", "data", "db", request: Db, response: Db, at: "03:05:00.000001"),
        ]);
        Assert.Equal(["update", "create", "delete"], result.Changes.Select(c => c.Event.Verb));
        Assert.Null(result.Final.Get(DbKey));
        Same(opened, result.Changes[1].After.Get(DbKey));
    }

    [Fact]
    public void Requests_received_at_the_same_instant_are_replayed_by_the_resource_version_they_produced()
    {
        string Version(string rv, string port) =>
            $$$"""{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db","namespace":"data","resourceVersion":"{{{rv}}}"},"spec":{"podSelector":{},"ingress":[{"ports":[{"port":{{{port}}}}]}]}}""";
        // 10 after 9: numbers, not text.
        var result = Run([
            Event("update", "networkpolicies", "data", "db", response: Version("10", "2"), at: "03:00"),
            Event("update", "networkpolicies", "data", "db", response: Version("9", "1"), at: "03:00"),
        ], Cluster());
        Same(Version("10", "2"), result.Final.Get(DbKey));
        Assert.Equal(["9", "10"], result.Changes.Select(c => c.Write!.After!["metadata"]!["resourceVersion"]!.GetValue<string>()));
    }

    [Fact]
    public void The_stages_of_one_request_make_one_request_and_one_alert()
    {
        var open = Policy("db", "data", """{"podSelector":{},"ingress":[{}]}""");
        // Written in the reverse of their order; the request body is only on the first stage.
        var result = Run([
            Event("update", "networkpolicies", "data", "db", response: open, id: "one", stage: "ResponseComplete", at: "03:00"),
            Event("update", "networkpolicies", "data", "db", request: open, level: "RequestResponse", code: null, id: "one", stage: "RequestReceived", at: "03:00"),
            Event("get", "pods", "data", "db-0", subresource: "exec", query: "command=sh", id: "two", stage: "ResponseStarted", code: 101, at: "03:01"),
            Event("get", "pods", "data", "db-0", subresource: "exec", query: "command=sh", id: "two", stage: "ResponseComplete", code: 101, at: "03:01"),
        ], Cluster());
        Assert.Equal(4, result.Events);
        Same(open, result.Final.Get(DbKey));
        Assert.Single(result.Changes);
        Assert.Equal(["network-policy-tampering NetworkPolicy data/db", "exec Pod data/db-0"], Raised(result));
    }

    [Fact]
    public void A_request_that_failed_at_its_last_stage_changes_nothing_whatever_its_first_stage_said()
    {
        var open = Policy("db", "data", """{"podSelector":{},"ingress":[{}]}""");
        var result = Run([
            Event("update", "networkpolicies", "data", "db", request: open, code: null, id: "x", stage: "RequestReceived", at: "03:00"),
            Event("update", "networkpolicies", "data", "db", request: open, code: 409, id: "x", stage: "ResponseComplete", at: "03:00"),
        ], Cluster());
        Assert.Empty(result.Changes);
        Assert.Empty(result.Alerts);
        Same(Db, result.Final.Get(DbKey));
    }

    // --- Starting from nothing ---

    [Fact]
    public void From_nothing_an_absent_object_is_unknown_and_a_create_known()
    {
        var body = Policy("db", "data", """{"podSelector":{},"ingress":[{}]}""");
        var result = Run([
            Event("update", "networkpolicies", "data", "db", request: body, level: "Request", at: "03:00"),
            Event("create", "networkpolicies", "data", request: Policy("new", "data", """{"podSelector":{}}"""), level: "Request", at: "03:01"),
            Event("patch", "networkpolicies", "data", "other", request: """{"spec":{"ingress":[{}]}}""", level: "Request", at: "03:02"),
            Event("delete", "networkpolicies", "data", "gone", at: "03:03"),
        ], initial: null, complete: false);
        var writes = result.Changes.Select(c => Assert.Single(c.Writes)).ToArray();
        Assert.Equal([(false, true), (true, true), (false, false), (false, true)], writes.Select(w => (w.BeforeKnown, w.AfterKnown)));
        Assert.False(writes[0].Created);
        Assert.True(writes[1].Created);
        Assert.True(result.Final.IsUnknown(Key("NetworkPolicy data/other")));
        Assert.False(result.Final.IsUnknown(Key("NetworkPolicy data/db")));
    }

    [Fact]
    public void From_a_complete_cluster_an_absent_object_did_not_exist()
    {
        // An update answered 201 Created made the object (RBAC kinds and Endpoints allow it).
        var body = Policy("new", "data", """{"podSelector":{}}""");
        var result = Run([Event("update", "networkpolicies", "data", "new", request: body, level: "Request", code: 201)], Cluster(), complete: true);
        var write = Assert.Single(Assert.Single(result.Changes).Writes);
        Assert.True(write.BeforeKnown);
        Assert.True(write.Created);
    }

    [Theory]
    [InlineData("update")]
    [InlineData("patch")]
    public void An_object_updated_with_success_existed_even_if_the_complete_cluster_lacks_it(string verb)
    {
        // Answered 200, not 201: the object was there, so the cluster given was incomplete for it, and its past is unknown.
        var body = Policy("new", "data", """{"podSelector":{}}""");
        var result = Run([Event(verb, "networkpolicies", "data", "new", request: body, response: body, level: "RequestResponse")], Cluster(), complete: true);
        var write = Assert.Single(Assert.Single(result.Changes).Writes);
        Assert.Equal((false, true, false), (write.BeforeKnown, write.AfterKnown, write.Created));
    }

    [Fact]
    public void Reads_and_kinds_outside_the_replay_change_nothing_but_are_counted()
    {
        var result = Run([
            Event("get", "networkpolicies", "data", "db", at: "03:00"),
            Event("list", "pods", "data", at: "03:01"),
            Event("create", "configmaps", "data", request: """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"data"}}""", at: "03:02"),
            Event("update", "leases", "kube-system", "x", request: """{"kind":"Lease"}""", at: "03:03"),
        ], Cluster());
        Assert.Equal(4, result.Events);
        Assert.Empty(result.Changes);
    }
}
