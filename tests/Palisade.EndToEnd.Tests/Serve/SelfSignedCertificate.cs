using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>A self-signed certificate for 127.0.0.1, written as PEM files, for the service's TLS (the audit webhook sends its token only over HTTPS).</summary>
public static class SelfSignedCertificate
{
    /// <summary>Writes <c>tls.crt</c> and <c>tls.key</c> into the folder and returns their paths.</summary>
    public static (string Certificate, string Key) Write(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=palisade-serve-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var (cert, keyPath) = (Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (cert, keyPath);
    }
}
