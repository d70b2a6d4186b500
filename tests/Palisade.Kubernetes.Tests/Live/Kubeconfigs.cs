using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Palisade.Kubernetes.Tests.Live;

/// <summary>Kubeconfig files for the failure tests: any server, token and authority, and several contexts.</summary>
internal static class Kubeconfigs
{
    /// <summary>Writes a kubeconfig with one context per (name, server, token), the first current unless said.</summary>
    public static string Write(string path, IEnumerable<(string Name, string Server, string Token)> contexts, string? current = "", string? authorityData = null)
    {
        var list = contexts.ToList();
        var authority = authorityData is null ? "insecure-skip-tls-verify: true" : $"certificate-authority-data: {authorityData}";
        var text = "apiVersion: v1\nkind: Config\nclusters:\n"
            + string.Concat(list.Select(c => $"- name: {c.Name}\n  cluster: {{server: \"{c.Server}\", {authority}}}\n"))
            + "users:\n" + string.Concat(list.Select(c => $"- name: {c.Name}\n  user: {{token: \"{c.Token}\"}}\n"))
            + "contexts:\n" + string.Concat(list.Select(c => $"- name: {c.Name}\n  context: {{cluster: {c.Name}, user: {c.Name}}}\n"))
            + (current == "" ? $"current-context: {list[0].Name}\n" : current is null ? "" : $"current-context: {current}\n");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>certificate-authority-data of a certificate authority the fake server's certificate does not come from.</summary>
    public static string UnknownAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=some-other-authority", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
    }
}
