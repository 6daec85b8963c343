using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Certificates.Store;

/// <summary>
/// Reads one PEM chain + PEM key pair and checks it as a client would: readable, well-formed, the key belongs to the
/// leaf, valid now. A refusal is one sentence that names the file and the cause (docs/certificates.md, "When a file is bad").
/// </summary>
public static class PemCertificateLoader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>The loaded certificate, or null and <paramref name="error"/> saying what is wrong with which file.</summary>
    public static ServedCertificate? Load(string certificateFile, string keyFile, DateTimeOffset now, out string? error)
    {
        if (!TryRead(certificateFile, out var chainText, out error) || !TryRead(keyFile, out var keyText, out error))
        {
            return null;
        }

        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(chainText);
        }
        catch (CryptographicException ex)
        {
            error = $"{certificateFile}: not a well-formed certificate ({ex.Message})";
            return null;
        }

        if (chain.Count == 0)
        {
            // A block .NET skipped: it only matches PEM with valid base64 between matching BEGIN and END lines.
            error = chainText.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? $"{certificateFile}: the CERTIFICATE block is not well-formed PEM (bad base64 or END line)"
                : $"{certificateFile}: no \"BEGIN CERTIFICATE\" block found";
            return null;
        }

        var leaf = chain[0];
        var withKey = AttachKey(leaf, keyText, keyFile, certificateFile, out error);
        if (withKey is null)
        {
            return null;
        }

        if (now > leaf.NotAfter.ToUniversalTime())
        {
            error = $"{certificateFile}: the certificate expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
            return null;
        }

        if (now < leaf.NotBefore.ToUniversalTime())
        {
            error = $"{certificateFile}: the certificate is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
            return null;
        }

        var names = NamesOf(leaf);
        if (names.Count == 0)
        {
            error = $"{certificateFile}: the certificate names no DNS host (no subjectAltName dNSName, no CN)";
            return null;
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        // offline: the chain is built from the file's own intermediates, never fetched while a client waits.
        var context = SslStreamCertificateContext.Create(withKey, intermediates, offline: true);
        error = null;
        return new ServedCertificate(withKey, context, names, certificateFile);
    }

    /// <summary>The DNS names a certificate serves: subjectAltName dNSName entries, else the subject CN (lower case).</summary>
    public static IReadOnlyList<string> NamesOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames().Select(HostNameMatch.Normalize));
            }
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } cn)
        {
            names.Add(HostNameMatch.Normalize(cn));
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool TryRead(string path, out string text, out string? error)
    {
        try
        {
            text = File.ReadAllText(path);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            text = "";
            error = $"{path}: cannot be read ({ex.Message})";
            return false;
        }
    }

    private static X509Certificate2? AttachKey(X509Certificate2 leaf, string keyText, string keyFile, string certificateFile, out string? error)
    {
        var algorithm = leaf.GetKeyAlgorithm();
        AsymmetricAlgorithm? key = algorithm switch
        {
            RsaOid => RSA.Create(),
            EcOid => ECDsa.Create(),
            _ => null,
        };
        if (key is null)
        {
            error = $"{certificateFile}: the certificate's key type ({algorithm}) is not supported; use RSA or ECDSA";
            return null;
        }

        try
        {
            try
            {
                key.ImportFromPem(keyText);
            }
            catch (ArgumentException)
            {
                error = $"{keyFile}: no {(algorithm == RsaOid ? "RSA" : "EC")} private key in PEM form, the kind {Path.GetFileName(certificateFile)} needs";
                return null;
            }
            catch (CryptographicException ex)
            {
                error = $"{keyFile}: not a well-formed PEM private key ({ex.Message})";
                return null;
            }

            try
            {
                error = null;
                return key is RSA rsa ? leaf.CopyWithPrivateKey(rsa) : leaf.CopyWithPrivateKey((ECDsa)key);
            }
            catch (ArgumentException)
            {
                error = $"{keyFile}: the private key does not belong to the certificate in {certificateFile}";
                return null;
            }
        }
        finally
        {
            key.Dispose();
        }
    }
}
