using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// Where ACME keeps its files in the data folder (docs/certificates.md, "Files in the data folder"):
/// <c>acme/accounts/&lt;directory&gt;/account-key.pem</c> (one account key per authority, so staging and production
/// never mix) and <c>acme/certificates/&lt;first name&gt;.crt|.key</c>, a folder the certificate store reads.
/// </summary>
public sealed class AcmeStorage(string dataDirectory)
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "acme");

    public string CertificateDirectory => Path.Combine(Root, "certificates");

    public string AccountKeyFile(Uri directoryUrl)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var label = $"{directoryUrl.Host}_{directoryUrl.Port}{directoryUrl.AbsolutePath}";
        var safe = new string([.. label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]).Trim('-');
        return Path.Combine(Root, "accounts", safe, "account-key.pem");
    }

    public string CertificateFile(IReadOnlyList<string> names) => Path.Combine(CertificateDirectory, names[0] + ".crt");

    public string KeyFile(IReadOnlyList<string> names) => Path.Combine(CertificateDirectory, names[0] + ".key");

    /// <summary>The key first, then the chain, each replaced atomically; the store checks that they belong together.</summary>
    public string Save(IReadOnlyList<string> names, IssuedCertificate issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        SecretFile.Write(KeyFile(names), issued.KeyPem);
        SecretFile.Write(CertificateFile(names), issued.ChainPem, secret: false);
        return CertificateFile(names);
    }

    /// <summary>The leaf of the saved chain for these names, or null when there is none or it cannot be read.</summary>
    public X509Certificate2? LoadLeaf(IReadOnlyList<string> names)
    {
        try
        {
            return File.Exists(CertificateFile(names)) ? X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile(names))) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
