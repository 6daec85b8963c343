using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Certificates.Store;

/// <summary>
/// A certificate that passed every check, ready for handshakes: the leaf with its key, the chain context that sends the
/// intermediates too (without it a client that has only the root cannot build the path), and the names it serves.
/// </summary>
public sealed class ServedCertificate
{
    internal ServedCertificate(X509Certificate2 leaf, SslStreamCertificateContext context, IReadOnlyList<string> names, string source)
    {
        Leaf = leaf;
        Context = context;
        Names = names;
        Source = source;
    }

    public X509Certificate2 Leaf { get; }

    public SslStreamCertificateContext Context { get; }

    /// <summary>DNS names from subjectAltName (or the subject CN when there is none), lower case, wildcards as "*.example.com".</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The certificate file it came from, or a description of the fallback.</summary>
    public string Source { get; }

    public DateTimeOffset NotAfter => new(Leaf.NotAfter.ToUniversalTime());

    public override string ToString() => $"{Source} ({string.Join(", ", Names)}, valid until {NotAfter:yyyy-MM-dd HH:mm} UTC)";
}
