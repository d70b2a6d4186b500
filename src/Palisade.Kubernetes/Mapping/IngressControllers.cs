using Palisade.Model;
using k8s.Models;

namespace Palisade.Kubernetes.Mapping;

/// <summary>
/// Whether the controller of an Ingress with TLS answers plain HTTP too, by its class (<c>spec.ingressClassName</c>,
/// else the <c>kubernetes.io/ingress.class</c> annotation) and its annotations: ingress-nginx redirects to HTTPS unless
/// told not to; GKE's load balancer and Kong serve HTTP unless told not to; the AWS load balancer controller serves
/// HTTP when its listen-ports open it without an ssl-redirect. Other controllers are not judged.
/// </summary>
internal static class IngressControllers
{
    private const string AnnotationsField = "metadata.annotations";

    public static PlainHttpServed? PlainHttp(V1Ingress ingress)
    {
        var annotations = ingress.Metadata?.Annotations ?? new Dictionary<string, string>();
        var ingressClass = ingress.Spec?.IngressClassName ?? Get(annotations, "kubernetes.io/ingress.class") ?? "";
        if (ingressClass.Contains("nginx", StringComparison.OrdinalIgnoreCase))
            return Nginx(annotations);
        if (ingressClass.StartsWith("gce", StringComparison.OrdinalIgnoreCase))
            return Gce(annotations);
        if (ingressClass.Equals("alb", StringComparison.OrdinalIgnoreCase))
            return Alb(annotations);
        return ingressClass.Contains("kong", StringComparison.OrdinalIgnoreCase) ? Kong(annotations) : null;
    }

    private static PlainHttpServed? Nginx(IDictionary<string, string> annotations)
    {
        const string redirect = "nginx.ingress.kubernetes.io/ssl-redirect";
        return Get(annotations, redirect) == "false" && Get(annotations, "nginx.ingress.kubernetes.io/force-ssl-redirect") != "true"
            ? new PlainHttpServed($"{redirect} is \"false\", so ingress-nginx does not redirect HTTP to HTTPS", $"{AnnotationsField}.{redirect}",
                $"Remove {redirect} (ingress-nginx redirects to HTTPS when the Ingress has TLS) or set it to \"true\".")
            : null;
    }

    private static PlainHttpServed? Gce(IDictionary<string, string> annotations)
    {
        const string allowHttp = "kubernetes.io/ingress.allow-http";
        if (Get(annotations, allowHttp) == "false" || annotations.ContainsKey("networking.gke.io/v1beta1.FrontendConfig"))
            return null;
        return new PlainHttpServed($"GKE's load balancer serves HTTP on port 80 beside HTTPS unless {allowHttp} is \"false\" or a FrontendConfig redirects it",
            annotations.ContainsKey(allowHttp) ? $"{AnnotationsField}.{allowHttp}" : AnnotationsField,
            $"Set {allowHttp}: \"false\", or redirect HTTP with a FrontendConfig (redirectToHttps) named by networking.gke.io/v1beta1.FrontendConfig.");
    }

    private static PlainHttpServed? Alb(IDictionary<string, string> annotations)
    {
        const string listenPorts = "alb.ingress.kubernetes.io/listen-ports";
        const string sslRedirect = "alb.ingress.kubernetes.io/ssl-redirect";
        // The default listeners are HTTPS only once a certificate is configured; "HTTP" quoted is a key, not "HTTPS".
        if (Get(annotations, listenPorts) is not { } ports || !ports.Contains("\"HTTP\"", StringComparison.Ordinal) || annotations.ContainsKey(sslRedirect))
            return null;
        return new PlainHttpServed($"{listenPorts} opens HTTP beside HTTPS and no {sslRedirect} sends it to HTTPS", $"{AnnotationsField}.{listenPorts}",
            $"Add {sslRedirect}: '443', or drop HTTP from {listenPorts}.");
    }

    private static PlainHttpServed? Kong(IDictionary<string, string> annotations)
    {
        const string protocols = "konghq.com/protocols";
        var given = Get(annotations, protocols);
        if (given is not null && !given.Split(',', StringSplitOptions.TrimEntries).Contains("http", StringComparer.OrdinalIgnoreCase))
            return null;
        return new PlainHttpServed($"Kong accepts HTTP beside HTTPS on the route unless {protocols} is \"https\"",
            given is null ? AnnotationsField : $"{AnnotationsField}.{protocols}",
            $"Set {protocols}: https and konghq.com/https-redirect-status-code: \"301\".");
    }

    private static string? Get(IDictionary<string, string> annotations, string key) => annotations.TryGetValue(key, out var value) ? value : null;
}
