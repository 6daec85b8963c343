using System.Security.Cryptography.X509Certificates;

namespace Kakunin.Certificates.Store;

/// <summary>What a <see cref="CertificateStore"/> reads and what it serves when it has nothing good.</summary>
public sealed class CertificateStoreSettings
{
    /// <summary>Explicit chain + key pairs ("Kakunin:Tls:Certificates").</summary>
    public IReadOnlyList<CertificateFilePair> Files { get; init; } = [];

    /// <summary>Folders of <c>&lt;name&gt;.crt</c> + <c>&lt;name&gt;.key</c> pairs (the configured one and ACME's own).</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>The name whose certificate answers a client that sent no SNI or a name nothing covers (the host name).</summary>
    public string? DefaultName { get; init; }

    /// <summary>Served when no file is good (the self-signed certificate of a first run); made only when needed.</summary>
    public Func<X509Certificate2>? Fallback { get; init; }

    /// <summary>How the fallback is named in the log.</summary>
    public string FallbackDescription { get; init; } = "the self-signed certificate";

    /// <summary>At most one look at the files' modification times per this interval, at handshake. Default 1 s.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A pair that fails to load while one of its files changed less than this long ago is tried again later before it
    /// is refused: a deploy hook copying the key and then the chain is not an error half way. Default 2 s.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(2);
}
