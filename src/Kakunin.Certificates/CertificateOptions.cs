namespace Kakunin.Certificates;

/// <summary>
/// Where the TLS certificates come from ("Kakunin:Tls"): PEM files named in configuration and a folder of
/// <c>&lt;host&gt;.crt</c> / <c>&lt;host&gt;.key</c> pairs, all read again when they change (docs/certificates.md).
/// </summary>
public sealed class CertificateOptions
{
    public const string Section = "Kakunin:Tls";

    /// <summary>The folder name inside the data folder searched when <see cref="Directory"/> is not set.</summary>
    public const string DefaultDirectoryName = "certificates";

    /// <summary>Certificate chain + key file pairs, each anywhere on disk (e.g. certbot's live folder).</summary>
    public IList<CertificateFilePair> Certificates { get; init; } = [];

    /// <summary>
    /// A folder of <c>&lt;name&gt;.crt</c> (PEM chain, leaf first) and <c>&lt;name&gt;.key</c> (PEM private key) pairs.
    /// Default: <c>certificates</c> in the data folder. The file name is only a label: the host names served are the
    /// certificate's own (subjectAltName).
    /// </summary>
    public string? Directory { get; set; }
}

/// <summary>One certificate: the PEM chain (leaf first, then intermediates) and its PEM private key.</summary>
public sealed class CertificateFilePair
{
    public string CertificateFile { get; set; } = "";

    public string KeyFile { get; set; } = "";
}
