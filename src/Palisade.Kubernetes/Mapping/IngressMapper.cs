using System.Globalization;
using Palisade.Kubernetes.Crds;
using Palisade.Model;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>Maps Ingresses and Routes to the Services they route to.</summary>
internal static class IngressMapper
{
    public static IngressRoute Map(V1Ingress ingress, MappingContext context)
    {
        var (locations, warnings) = (context.Locations, context.Warnings);
        var ns = ObjectNames.Namespace(ingress.Metadata);
        var name = ObjectNames.Require(ingress.Metadata, "Ingress", locations);
        var backends = new List<ServiceBackend>();
        void Add(V1IngressBackend? backend, string field)
        {
            if (backend?.Service is { } service && !string.IsNullOrEmpty(service.Name))
                backends.Add(new ServiceBackend(service.Name, string.IsNullOrEmpty(service.Port?.Name) ? null : service.Port.Name, service.Port?.Number));
            else if (backend is not null)
                warnings.Add(locations.Warning(field, $"Ingress {ns}/{name}: {field}: not a Service backend; ignored"));
        }
        Add(ingress.Spec?.DefaultBackend, "spec.defaultBackend");
        foreach (var (rule, i) in (ingress.Spec?.Rules ?? []).Select((r, i) => (r, i)))
        {
            foreach (var (path, j) in (rule.Http?.Paths ?? []).Select((p, j) => (p, j)))
                Add(path.Backend, $"spec.rules[{i}].http.paths[{j}].backend");
        }
        if (backends.Count == 0)
            warnings.Add(locations.Warning(null, $"Ingress {ns}/{name}: no Service backend (an extensions/v1beta1 Ingress is not read)"));
        var tls = ingress.Spec?.Tls ?? [];
        return new IngressRoute("Ingress", ns, name, backends)
        {
            Location = locations.Object,
            Tls = tls.Count > 0,
            PlaintextHosts = PlaintextHosts(ingress.Spec?.Rules ?? [], tls),
            PlainHttp = tls.Count > 0 ? IngressControllers.PlainHttp(ingress) : null,
        };
    }

    // A tls entry without hosts covers every host (the controller's default certificate); one with hosts,
    // those hosts, "*.example.com" covering one label under example.com, and never the rule without host.
    private static List<(int, string)> PlaintextHosts(IList<V1IngressRule> rules, IList<V1IngressTLS> tls)
    {
        var plaintext = new List<(int, string)>();
        if (tls.Count == 0 || tls.Any(t => t.Hosts is null or { Count: 0 }))
            return plaintext;
        for (var i = 0; i < rules.Count; i++)
        {
            var host = rules[i].Host ?? "";
            if (!tls.Any(t => t.Hosts.Any(pattern => Covers(pattern, host))))
                plaintext.Add((i, host));
        }
        return plaintext;
    }

    private static bool Covers(string pattern, string host)
    {
        if (host.Length == 0)
            return false;
        if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
            return true;
        return pattern.StartsWith("*.", StringComparison.Ordinal) && host.Length > pattern.Length - 1
            && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            && !host.AsSpan(0, host.Length - (pattern.Length - 1)).Contains('.');
    }

    public static IngressRoute Map(RouteObject route, MappingContext context)
    {
        var (locations, warnings) = (context.Locations, context.Warnings);
        var ns = ObjectNames.Namespace(route.Metadata);
        var name = ObjectNames.Require(route.Metadata, "Route", locations);
        var port = route.Spec?.Port?.TargetPort?.Value;
        int? number = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var portName = number is null && !string.IsNullOrEmpty(port) ? port : null;
        var backends = new List<ServiceBackend>();
        foreach (var (target, field) in new[] { (route.Spec?.To, "spec.to") }
                     .Concat((route.Spec?.AlternateBackends ?? []).Select((t, i) => ((RouteTarget?)t, $"spec.alternateBackends[{i}]"))))
        {
            if (target is null)
                continue;
            if (!string.IsNullOrEmpty(target.Kind) && target.Kind != "Service" || string.IsNullOrEmpty(target.Name))
            {
                warnings.Add(locations.Warning(field, $"Route {ns}/{name}: {field}: not a Service; ignored"));
                continue;
            }
            backends.Add(new ServiceBackend(target.Name, portName, number));
        }
        return new IngressRoute("Route", ns, name, backends)
        {
            Location = locations.Object,
            Tls = route.Spec?.Tls is not null,
            PlainHttp = string.Equals(route.Spec?.Tls?.InsecureEdgeTerminationPolicy, "Allow", StringComparison.OrdinalIgnoreCase)
                ? new PlainHttpServed("its spec.tls.insecureEdgeTerminationPolicy is Allow", "spec.tls.insecureEdgeTerminationPolicy",
                    "Set insecureEdgeTerminationPolicy: Redirect (or None), so that HTTP requests are sent to HTTPS.")
                : null,
        };
    }
}
