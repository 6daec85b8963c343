using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Web.Tls;

/// <summary>
/// The certificate for STARTTLS and implicit TLS. A real deployment points at its own; a first run
/// makes a self-signed one for the host name and keeps it in the data folder, so that submission is
/// encrypted from the start (clients must be told to accept it, e.g. <c>kakunin send --insecure</c>).
/// </summary>
public static class ServerCertificate
{
    public const string FileName = "tls-selfsigned.pfx";

    public static X509Certificate2 LoadOrCreate(string dataDirectory, string hostName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        var pfx = created.Export(X509ContentType.Pkcs12);
        Kakunin.Store.OwnerOnlyFolder.Create(dataDirectory);
        // The file holds the private key: owner-only from the moment it exists (not written, then narrowed).
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, file))
        {
            stream.Write(pfx);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }
}
