using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Palisade.Testing.FakeApi;

/// <summary>
/// The fake server's self-signed TLS certificate for 127.0.0.1, made once per process: Kubernetes clients send
/// bearer tokens only over HTTPS, so a fake that checks tokens must speak it.
/// </summary>
internal static class FakeCertificate
{
    private static readonly Lazy<X509Certificate2> Instance = new(Create);

    public static X509Certificate2 Certificate => Instance.Value;

    /// <summary>The certificate as a kubeconfig's <c>certificate-authority-data</c>: base64 of its PEM.</summary>
    public static string AuthorityData =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem()));

    /// <summary>Whether the server presented exactly this certificate.</summary>
    public static bool IsPresented(X509Certificate2? presented) =>
        presented is not null && presented.RawData.AsSpan().SequenceEqual(Certificate.RawData);

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake-kube-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
    }
}
