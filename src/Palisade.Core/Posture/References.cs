namespace Palisade.Posture;

/// <summary>
/// The guidance checks cite. CIS numbers are those of the CIS Kubernetes Benchmark v1.9; NSA/CISA names are
/// sections of the Kubernetes Hardening Guide v1.2; kubescape ids are its control ids where one matches.
/// </summary>
public static class References
{
    /// <summary>CIS 5.3.2: all namespaces have NetworkPolicies defined.</summary>
    public const string CisNetworkPolicies = "CIS Kubernetes Benchmark 5.3.2 (Ensure that all Namespaces have Network Policies defined)";

    /// <summary>CIS 5.1.1: cluster-admin only where required.</summary>
    public const string CisClusterAdmin = "CIS Kubernetes Benchmark 5.1.1 (Ensure that the cluster-admin role is only used where required)";

    /// <summary>CIS 5.1.3: minimise wildcards in roles.</summary>
    public const string CisWildcards = "CIS Kubernetes Benchmark 5.1.3 (Minimize wildcard use in Roles and ClusterRoles)";

    /// <summary>CIS 5.1.8: bind, impersonate, escalate.</summary>
    public const string CisEscalation = "CIS Kubernetes Benchmark 5.1.8 (Limit use of the Bind, Impersonate and Escalate permissions)";

    /// <summary>CIS 5.1.10: node proxy.</summary>
    public const string CisNodeProxy = "CIS Kubernetes Benchmark 5.1.10 (Minimize access to the proxy sub-resource of nodes)";

    /// <summary>CIS 5.2.5: hostNetwork.</summary>
    public const string CisHostNetwork = "CIS Kubernetes Benchmark 5.2.5 (Minimize the admission of containers wishing to share the host network namespace)";

    /// <summary>CIS 5.2.13: hostPorts.</summary>
    public const string CisHostPorts = "CIS Kubernetes Benchmark 5.2.13 (Minimize the admission of containers which use HostPorts)";

    /// <summary>CIS 3.2.1 and 3.2.2: audit policy.</summary>
    public const string CisAuditPolicy = "CIS Kubernetes Benchmark 3.2.1, 3.2.2 (Ensure that a minimal audit policy is created and covers key security concerns)";

    /// <summary>CIS 4.2.4: kubelet read-only port.</summary>
    public const string CisKubeletReadOnlyPort = "CIS Kubernetes Benchmark 4.2.4 (Verify that the --read-only-port argument is set to 0)";

    /// <summary>NSA/CISA: network policies.</summary>
    public const string NsaNetworkPolicies = "NSA/CISA Kubernetes Hardening Guide: Network separation and hardening, Network policies";

    /// <summary>NSA/CISA: control plane hardening.</summary>
    public const string NsaControlPlane = "NSA/CISA Kubernetes Hardening Guide: Network separation and hardening, Control plane hardening";

    /// <summary>NSA/CISA: pod security (host namespaces).</summary>
    public const string NsaPodSecurity = "NSA/CISA Kubernetes Hardening Guide: Kubernetes Pod security";

    /// <summary>NSA/CISA: authentication and authorisation.</summary>
    public const string NsaRbac = "NSA/CISA Kubernetes Hardening Guide: Authentication and authorization";

    /// <summary>NSA/CISA: audit logging.</summary>
    public const string NsaAudit = "NSA/CISA Kubernetes Hardening Guide: Audit logging and threat detection";

    /// <summary>NSA/CISA: encryption of traffic (service mesh, TLS).</summary>
    public const string NsaEncryption = "NSA/CISA Kubernetes Hardening Guide: Network separation and hardening (encrypt traffic, service mesh)";

    /// <summary>kubescape C-0260 Missing network policy.</summary>
    public const string KubescapeMissingNetworkPolicy = "kubescape C-0260 (Missing network policy)";

    /// <summary>kubescape C-0030 Ingress and Egress blocked.</summary>
    public const string KubescapeIngressEgressBlocked = "kubescape C-0030 (Ingress and Egress blocked)";

    /// <summary>kubescape C-0054 Cluster internal networking.</summary>
    public const string KubescapeInternalNetworking = "kubescape C-0054 (Cluster internal networking)";

    /// <summary>kubescape C-0256 External facing.</summary>
    public const string KubescapeExternalFacing = "kubescape C-0256 (External facing)";

    /// <summary>kubescape C-0041 HostNetwork access.</summary>
    public const string KubescapeHostNetwork = "kubescape C-0041 (HostNetwork access)";

    /// <summary>kubescape C-0044 Container hostPort.</summary>
    public const string KubescapeHostPort = "kubescape C-0044 (Container hostPort)";

    /// <summary>kubescape C-0052 Instance Metadata API.</summary>
    public const string KubescapeMetadataApi = "kubescape C-0052 (Instance Metadata API)";

    /// <summary>kubescape C-0021 Exposed sensitive interfaces.</summary>
    public const string KubescapeSensitiveInterfaces = "kubescape C-0021 (Exposed sensitive interfaces)";

    /// <summary>CVE-2020-8554: Service externalIPs man-in-the-middle.</summary>
    public const string Cve2020_8554 = "CVE-2020-8554 (man in the middle using Service externalIPs or LoadBalancer status)";

    /// <summary>CVE-2021-25740: Endpoints and EndpointSlices pointing a Service anywhere, across namespaces.</summary>
    public const string Cve2021_25740 = "CVE-2021-25740 (Endpoints and EndpointSlices send a Service's traffic to any address, across namespaces)";

    /// <summary>Istio security best practices: mutual TLS, authorization policies, namespace isolation.</summary>
    public const string IstioSecurityBestPractices = "Istio Security Best Practices (https://istio.io/latest/docs/ops/best-practices/security/)";

    /// <summary>Istio's mutual TLS migration guide: from PERMISSIVE to STRICT.</summary>
    public const string IstioMtlsMigration = "Istio Mutual TLS Migration (https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/)";

    /// <summary>Istio's authorization policy reference: allow-all, deny-all and default-deny.</summary>
    public const string IstioAuthorizationPolicy = "Istio Authorization Policy reference (https://istio.io/latest/docs/reference/config/security/authorization-policy/)";
}
