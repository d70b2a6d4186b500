using System.Text;
using System.Text.Json;

namespace Palisade.Benchmarks;

/// <summary>
/// Writes realistic, varied Kubernetes audit logs for timing the reader: controller lease renewals, list and
/// watch traffic, secret reads, exec into pods, NetworkPolicy patches with bodies, Service and Pod creations,
/// denied and dry-run requests; 1 to 2 KB an event at Metadata and Request level, in any of the wrappers the
/// reader accepts. Deterministic for a seed.
/// </summary>
public sealed class AuditGenerator(int seed = 12)
{
    private static readonly string[] Namespaces = ["default", "shop", "payments", "kube-system", "monitoring", "ingress-nginx", "cert-manager", "data"];
    private static readonly string[] Apps = ["frontend", "cart", "checkout", "catalog", "redis", "postgres", "api", "worker", "prometheus", "grafana"];
    private static readonly string[] Humans = ["alice@example.com", "bob@example.com", "carol@example.com", "deploy-bot@example.iam.gserviceaccount.com"];
    private static readonly string[] Controllers = ["system:kube-controller-manager", "system:kube-scheduler", "system:serviceaccount:kube-system:replicaset-controller", "system:serviceaccount:kube-system:endpointslice-controller", "system:node:node-3"];
    private static readonly string[] Agents = ["kubectl/v1.30.2 (linux/amd64) kubernetes/39683505", "kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/39683505/leader-election", "kube-scheduler/v1.30.2 (linux/amd64) kubernetes/39683505/leader-election", "Go-http-client/2.0", "argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format"];

    private readonly Random _random = new(seed);
    private DateTimeOffset _clock = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private long _index;

    /// <summary>Writes <paramref name="count"/> events in <paramref name="format"/> (event, eventlist, gke, aks, eks) to <paramref name="output"/>.</summary>
    public void Write(Stream output, long count, string format)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        switch (format)
        {
            case "event":
                for (var i = 0L; i < count; i++)
                    writer.Write(EventJson(Next()) + "\n");
                break;
            case "eventlist":
                WriteEventLists(writer, count);
                break;
            case "gke":
                for (var i = 0L; i < count; i++)
                    writer.Write(GkeJson(Next()) + "\n");
                break;
            case "aks":
                for (var i = 0L; i < count; i++)
                    writer.Write(AksJson(Next()) + "\n");
                break;
            case "eks":
                WriteEksExport(writer, count);
                break;
            default:
                throw new ArgumentException($"unknown format {format}: event, eventlist, gke, aks or eks");
        }
    }

    /// <summary>The webhook's batches: EventLists of up to 100 items, one a line.</summary>
    private void WriteEventLists(StreamWriter writer, long count)
    {
        for (var written = 0L; written < count;)
        {
            var batch = (int)Math.Min(100, count - written);
            writer.Write("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":[");
            for (var i = 0; i < batch; i++)
                writer.Write((i > 0 ? "," : "") + EventJson(Next()));
            writer.Write("]}\n");
            written += batch;
        }
    }

    /// <summary>An <c>aws logs filter-log-events</c> output: one document, its events indented one a line.</summary>
    private void WriteEksExport(StreamWriter writer, long count)
    {
        writer.Write("{\n    \"events\": [\n");
        for (var i = 0L; i < count; i++)
        {
            var request = Next();
            var record = Json(w =>
            {
                w.WriteString("logStreamName", "kube-apiserver-audit-6f1c2ad8e0cbe3f1a3d2f0e4a4b1d0c2");
                w.WriteNumber("timestamp", request.Time.ToUnixTimeMilliseconds());
                w.WriteString("message", EventJson(request));
                w.WriteNumber("ingestionTime", request.Time.ToUnixTimeMilliseconds() + 800);
                w.WriteString("eventId", $"{_random.NextInt64():D20}{i:D16}");
            });
            writer.Write("        " + record + (i + 1 < count ? ",\n" : "\n"));
        }
        writer.Write("    ],\n    \"searchedLogStreams\": []\n}\n");
    }

    private string AksJson(Request request) => Json(w =>
    {
        w.WriteString("category", request.Index % 3 == 0 ? "kube-audit-admin" : "kube-audit");
        w.WriteString("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read");
        w.WriteString("resourceId", "/SUBSCRIPTIONS/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/RESOURCEGROUPS/PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS");
        w.WriteString("time", request.Time.AddMilliseconds(3).ToString("O"));
        w.WriteStartObject("properties");
        w.WriteString("log", EventJson(request));
        w.WriteString("stream", "stdout");
        w.WriteString("pod", "kube-apiserver-7f9c6d5b8-x2k4q");
        w.WriteEndObject();
    });

    private string GkeJson(Request r) => Json(w =>
    {
        w.WriteString("insertId", Guid(r.Index + 7));
        w.WriteStartObject("protoPayload");
        w.WriteString("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
        w.WriteStartObject("authenticationInfo");
        w.WriteString("principalEmail", r.User);
        w.WriteEndObject();
        w.WriteStartArray("authorizationInfo");
        w.WriteStartObject();
        w.WriteBoolean("granted", r.Code != 403);
        w.WriteString("permission", MethodName(r));
        w.WriteString("resource", ResourceName(r));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("methodName", MethodName(r));
        w.WriteStartObject("requestMetadata");
        w.WriteString("callerIp", r.SourceIp);
        w.WriteString("callerSuppliedUserAgent", r.UserAgent);
        w.WriteEndObject();
        w.WriteString("resourceName", ResourceName(r));
        w.WriteString("serviceName", "k8s.io");
        w.WriteStartObject("status");
        if (r.Code == 403)
        {
            w.WriteNumber("code", 7);
            w.WriteString("message", "Forbidden");
        }
        w.WriteEndObject();
        if (r.Body is not null)
        {
            w.WritePropertyName("request");
            w.WriteRawValue(r.Body);
        }
        w.WriteEndObject();
        w.WriteStartObject("resource");
        w.WriteString("type", "k8s_cluster");
        w.WriteStartObject("labels");
        w.WriteString("cluster_name", "prod");
        w.WriteString("location", "europe-west1");
        w.WriteString("project_id", "shop-prod-4711");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("timestamp", r.Time.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
        w.WriteString("severity", "NOTICE");
        w.WriteString("logName", "projects/shop-prod-4711/logs/cloudaudit.googleapis.com%2Factivity");
        w.WriteStartObject("operation");
        w.WriteString("id", Guid(r.Index));
        w.WriteString("producer", "k8s.io");
        w.WriteBoolean("first", true);
        w.WriteBoolean("last", true);
        w.WriteEndObject();
        w.WriteString("receiveTimestamp", r.Time.AddMilliseconds(900).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ"));
        w.WriteStartObject("labels");
        w.WriteString("authorization.k8s.io/decision", r.Code == 403 ? "forbid" : "allow");
        w.WriteString("authorization.k8s.io/reason", r.Reason);
        w.WriteEndObject();
    });

    private static string MethodName(Request r)
    {
        var group = r.Group switch
        {
            "" => "core",
            "networking.k8s.io" => "networking",
            "rbac.authorization.k8s.io" => "authorization.rbac",
            "coordination.k8s.io" => "coordination",
            _ => r.Group,
        };
        return $"io.k8s.{group}.{r.Version}.{r.Resource}{(r.Subresource is null ? "" : "." + r.Subresource)}.{r.Verb}";
    }

    private static string ResourceName(Request r) =>
        $"{(r.Group == "" ? "core" : r.Group)}/{r.Version}/{(r.Namespace is null ? "" : $"namespaces/{r.Namespace}/")}{r.Resource}{(r.Name is null ? "" : "/" + r.Name)}{(r.Subresource is null ? "" : "/" + r.Subresource)}";

    private string EventJson(Request r) => Json(w =>
    {
        w.WriteString("kind", "Event");
        w.WriteString("apiVersion", "audit.k8s.io/v1");
        w.WriteString("level", r.Body is null ? "Metadata" : "Request");
        w.WriteString("auditID", Guid(r.Index));
        w.WriteString("stage", r.Subresource == "exec" ? "ResponseStarted" : "ResponseComplete");
        w.WriteString("requestURI", r.Uri);
        w.WriteString("verb", r.Verb);
        w.WriteStartObject("user");
        w.WriteString("username", r.User);
        if (r.User.StartsWith("system:serviceaccount:", StringComparison.Ordinal))
            w.WriteString("uid", Guid(r.User.Length));
        w.WriteStartArray("groups");
        foreach (var group in r.Groups)
            w.WriteStringValue(group);
        w.WriteEndArray();
        if (r.User.StartsWith("system:serviceaccount:", StringComparison.Ordinal))
        {
            w.WriteStartObject("extra");
            w.WriteStartArray("authentication.kubernetes.io/pod-name");
            w.WriteStringValue($"{r.User.Split(':')[^1]}-7d9f8b6c5-{r.Index % 5:x5}");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("sourceIPs");
        w.WriteStringValue(r.SourceIp);
        w.WriteEndArray();
        w.WriteString("userAgent", r.UserAgent);
        w.WriteStartObject("objectRef");
        w.WriteString("resource", r.Resource);
        if (r.Namespace is not null)
            w.WriteString("namespace", r.Namespace);
        if (r.Name is not null)
            w.WriteString("name", r.Name);
        if (r.Group != "")
            w.WriteString("apiGroup", r.Group);
        w.WriteString("apiVersion", r.Version);
        if (r.Subresource is not null)
            w.WriteString("subresource", r.Subresource);
        w.WriteEndObject();
        w.WriteStartObject("responseStatus");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        if (r.Code == 403)
        {
            w.WriteString("status", "Failure");
            w.WriteString("message", $"{r.Resource} \"{r.Name}\" is forbidden: User \"{r.User}\" cannot {r.Verb} resource \"{r.Resource}\" in API group \"{r.Group}\" in the namespace \"{r.Namespace}\"");
            w.WriteString("reason", "Forbidden");
            w.WriteStartObject("details");
            w.WriteString("name", r.Name);
            w.WriteString("kind", r.Resource);
            w.WriteEndObject();
        }
        w.WriteNumber("code", r.Code);
        w.WriteEndObject();
        if (r.Body is not null)
        {
            w.WritePropertyName("requestObject");
            w.WriteRawValue(r.Body);
        }
        w.WriteString("requestReceivedTimestamp", r.Time.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
        w.WriteString("stageTimestamp", r.Time.AddMilliseconds(2 + r.Index % 40).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
        w.WriteStartObject("annotations");
        w.WriteString("authorization.k8s.io/decision", r.Code == 403 ? "forbid" : "allow");
        w.WriteString("authorization.k8s.io/reason", r.Reason);
        if (r.Resource == "pods" && r.Verb == "create")
            w.WriteString("pod-security.kubernetes.io/enforce-policy", "baseline:latest");
        w.WriteEndObject();
    });

    private static string Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A random-looking, reproducible UUID for <paramref name="index"/> (SplitMix64 of it and the seed).</summary>
    private string Guid(long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(unchecked((ulong)index + (ulong)seed * 0x9E3779B97F4A7C15UL)));
        BitConverter.TryWriteBytes(bytes[8..], Mix(unchecked((ulong)~index)));
        return new Guid(bytes).ToString();
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A JSON template with its @0@, @1@, ... holes filled in order.</summary>
    private static string Fill(string template, params object[] values)
    {
        var text = new StringBuilder(template);
        for (var i = 0; i < values.Length; i++)
            text.Replace($"@{i}@", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private string PodName(string app) => $"{app}-{_random.Next(0x100000, 0xfffff0):x}-{(char)('a' + _random.Next(26))}{(char)('a' + _random.Next(26))}{_random.Next(100, 999)}";

    /// <summary>The next request, drawn from a mix close to a busy production cluster's.</summary>
    private Request Next()
    {
        _clock = _clock.AddMilliseconds(_random.Next(1, 30));
        var index = _index++;
        var ns = Pick(Namespaces);
        var app = Pick(Apps);
        var roll = _random.Next(100);
        var request = roll switch
        {
            < 24 => Lease(),
            < 38 => Collection("pods", "", ns, _random.Next(2) == 0 ? "list" : "watch"),
            < 48 => Read("configmaps", "", ns, app + "-config"),
            < 58 => Read("secrets", "", ns, app + "-tls"),
            < 64 => Exec(ns, app),
            < 70 => NetworkPolicyPatch(ns, app),
            < 76 => ServiceCreate(ns, app),
            < 84 => PodCreate(ns, app),
            < 88 => DeploymentPatch(ns, app),
            < 92 => Collection("events", "", ns, "create"),
            < 95 => BindingCreate(app),
            _ => Read("secrets", "", "kube-system", "bootstrap-token-" + app) with { Code = 403, User = Pick(Humans) },
        };
        if (_random.Next(50) == 0 && request.Verb is "create" or "patch")
            request = request with { Uri = request.Uri + (request.Uri.Contains('?') ? "&" : "?") + "dryRun=All" };
        return request with { Index = index, Time = _clock, SourceIp = request.User.StartsWith("system:", StringComparison.Ordinal) ? "10.128.0." + _random.Next(2, 6) : $"203.0.113.{_random.Next(1, 250)}" };
    }

    private Request Base(string resource, string group, string? ns, string? name, string verb, string user) => new()
    {
        Resource = resource,
        Group = group,
        Version = "v1",
        Namespace = ns,
        Name = name,
        Verb = verb,
        User = user,
        Groups = user.StartsWith("system:serviceaccount:", StringComparison.Ordinal)
            ? ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]
            : user.StartsWith("system:", StringComparison.Ordinal) ? ["system:authenticated"] : ["system:authenticated", "platform-team"],
        UserAgent = user.StartsWith("system:", StringComparison.Ordinal) ? Agents[1 + _random.Next(2)] : Agents[_random.Next(2) == 0 ? 0 : 4],
        Uri = $"/{(group == "" ? "api" : "apis/" + group)}/v1/{(ns is null ? "" : $"namespaces/{ns}/")}{resource}{(name is null ? "" : "/" + name)}",
        Code = verb == "create" ? 201 : 200,
        Reason = user.StartsWith("system:", StringComparison.Ordinal)
            ? $"RBAC: allowed by ClusterRoleBinding \"{user.Split(':')[^1]}\" of ClusterRole \"{user.Split(':')[^1]}\" to User \"{user}\""
            : $"RBAC: allowed by RoleBinding \"platform-edit/{ns}\" of ClusterRole \"edit\" to Group \"platform-team\"",
    };

    private Request Lease()
    {
        var controller = Controllers[_random.Next(2)];
        var name = controller.Split(':')[^1];
        return Base("leases", "coordination.k8s.io", "kube-system", name, _random.Next(4) == 0 ? "get" : "update", controller);
    }

    private Request Collection(string resource, string group, string ns, string verb) =>
        Base(resource, group, ns, null, verb, Pick(Controllers)) with { Uri = $"/api/v1/namespaces/{ns}/{resource}?{(verb == "watch" ? "allowWatchBookmarks=true&resourceVersion=" + _random.Next(1_000_000, 9_999_999) + "&timeout=7m2s&timeoutSeconds=422&watch=true" : "limit=500&resourceVersion=0")}" };

    private Request Read(string resource, string group, string ns, string name) => Base(resource, group, ns, name, "get", _random.Next(3) == 0 ? Pick(Humans) : Pick(Controllers));

    private Request Exec(string ns, string app)
    {
        var pod = PodName(app);
        var request = Base("pods", "", ns, pod, "create", Pick(Humans)) with { Subresource = "exec", Code = 101 };
        return request with { Uri = request.Uri + $"/exec?command=sh&command=-c&command=cat+%2Fetc%2Fpasswd&container={app}&stdin=true&stdout=true&tty=true" };
    }

    private Request NetworkPolicyPatch(string ns, string app)
    {
        var body = Fill("""{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"allow-@0@\",\"namespace\":\"@1@\"}}"}},"spec":{"podSelector":{"matchLabels":{"app":"@2@"}},"policyTypes":["Ingress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"@3@"}}},{"podSelector":{"matchLabels":{"app":"@4@"}}}],"ports":[{"protocol":"TCP","port":@5@}]}]}}""", app, ns, app, Pick(Namespaces), Pick(Apps), _random.Next(1, 20) * 1000 + 80);
        var request = Base("networkpolicies", "networking.k8s.io", ns, "allow-" + app, "patch", Pick(Humans)) with { Body = body };
        return request with { Uri = request.Uri + "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict" };
    }

    private Request ServiceCreate(string ns, string app)
    {
        var type = _random.Next(10) == 0 ? "NodePort" : _random.Next(10) == 0 ? "LoadBalancer" : "ClusterIP";
        var body = Fill("""{"kind":"Service","apiVersion":"v1","metadata":{"name":"@0@","namespace":"@1@","creationTimestamp":null,"labels":{"app":"@2@","app.kubernetes.io/part-of":"shop"}},"spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"@3@"},"type":"@4@","sessionAffinity":"None"},"status":{"loadBalancer":{}}}""", app, ns, app, app, type);
        return Base("services", "", ns, null, "create", Pick(Humans)) with { Body = body };
    }

    private Request PodCreate(string ns, string app)
    {
        var body = Fill("""{"kind":"Pod","apiVersion":"v1","metadata":{"generateName":"@0@-7d9f8b6c5-","namespace":"@1@","creationTimestamp":null,"labels":{"app":"@2@","pod-template-hash":"7d9f8b6c5"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"@3@-7d9f8b6c5","uid":"@4@","controller":true,"blockOwnerDeletion":true}]},"spec":{"containers":[{"name":"@5@","image":"registry.example.com/shop/@6@:1.@7@.@8@","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{"limits":{"memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"imagePullPolicy":"IfNotPresent","securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false}}],"restartPolicy":"Always","serviceAccountName":"@9@","hostNetwork":@10@},"status":{}}""", app, ns, app, app, Guid(app.Length), app, app, _random.Next(40), _random.Next(9), app, (_random.Next(100) == 0 ? "true" : "false"));
        return Base("pods", "", ns, null, "create", "system:serviceaccount:kube-system:replicaset-controller") with { Body = body };
    }

    private Request DeploymentPatch(string ns, string app)
    {
        var body = Fill("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"@0@"}}}}}""", _clock.ToString("O"));
        return Base("deployments", "apps", ns, app, "patch", Pick(Humans)) with { Body = body };
    }

    private Request BindingCreate(string app)
    {
        var role = _random.Next(5) == 0 ? "cluster-admin" : "view";
        var body = Fill("""{"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"@0@-@1@","creationTimestamp":null},"subjects":[{"kind":"ServiceAccount","name":"@2@","namespace":"@3@"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"@4@"}}""", app, role, app, Pick(Namespaces), role);
        return Base("clusterrolebindings", "rbac.authorization.k8s.io", null, null, "create", Pick(Humans)) with { Body = body };
    }

    /// <summary>One API request, as the generator draws it before writing it in a format.</summary>
    private sealed record Request
    {
        public long Index { get; init; }
        public DateTimeOffset Time { get; init; }
        public required string Resource { get; init; }
        public string? Subresource { get; init; }
        public required string Group { get; init; }
        public required string Version { get; init; }
        public string? Namespace { get; init; }
        public string? Name { get; init; }
        public required string Verb { get; init; }
        public required string User { get; init; }
        public required string[] Groups { get; init; }
        public required string UserAgent { get; init; }
        public required string Uri { get; init; }
        public string SourceIp { get; init; } = "";
        public int Code { get; init; }
        public required string Reason { get; init; }
        public string? Body { get; init; }
    }
}
