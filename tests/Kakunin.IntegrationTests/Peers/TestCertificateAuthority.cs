using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// A throwaway certificate authority for tests: a root, and leaf certificates (with an intermediate when asked) written
/// as the PEM files an administrator or certbot would put on disk.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificateAuthority(string name = "Kakunin Test Root")
    {
        var request = new CertificateRequest($"CN={name}", _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediate = new CertificateRequest("CN=Kakunin Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediate.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediate.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var signed = intermediate.Create(Root, Root.NotBefore, Root.NotAfter, RandomNumberGenerator.GetBytes(8));
        Intermediate = signed.CopyWithPrivateKey(intermediateKey);
    }

    /// <summary>A CA below <see cref="Root"/>, for chains whose intermediate must be sent by the server.</summary>
    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Root { get; }

    public string RootPem => Root.ExportCertificatePem() + "\n";

    /// <summary>A leaf for <paramref name="dnsNames"/> (and <paramref name="addresses"/>): (chain PEM leaf first, key PEM), signed by the root or the intermediate.</summary>
    public (string ChainPem, string KeyPem, X509Certificate2 Leaf) Issue(
        IEnumerable<string> dnsNames, IEnumerable<IPAddress>? addresses = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool viaIntermediate = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = dnsNames.ToList();
        var request = new CertificateRequest($"CN={(names.Count > 0 ? names[0] : "127.0.0.1")}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        names.ForEach(san.AddDnsName);
        foreach (var address in addresses ?? [])
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        var issuer = viaIntermediate ? Intermediate : Root;
        var leaf = request.Create(issuer, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30), serial);
        var chain = leaf.ExportCertificatePem() + "\n" + (viaIntermediate ? Intermediate.ExportCertificatePem() + "\n" : "");
        return (chain, key.ExportPkcs8PrivateKeyPem() + "\n", leaf);
    }

    /// <summary>Writes <paramref name="chainPem"/> and <paramref name="keyPem"/> as <c>dir/name.crt</c> and <c>dir/name.key</c>.</summary>
    public static void WritePair(string directory, string name, string chainPem, string keyPem)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".key"), keyPem);
        File.WriteAllText(Path.Combine(directory, name + ".crt"), chainPem);
    }

    public void Dispose()
    {
        Intermediate.Dispose();
        Root.Dispose();
        _rootKey.Dispose();
    }
}
