namespace Kakunin.Store.Dkim;

/// <summary>
/// One DKIM signing key of a local domain. <paramref name="Algorithm"/> is the a= tag value (rsa-sha256 or
/// ed25519-sha256, RFC 6376 §3.5, RFC 8463); <paramref name="PrivateKeyPem"/> is PKCS#8 PEM ("PRIVATE KEY").
/// </summary>
public sealed record DkimKeyRecord(
    string Domain,
    string Selector,
    string Algorithm,
    string PrivateKeyPem,
    DateTimeOffset CreatedAt,
    DkimKeyState State,
    DateTimeOffset? ActivateAt = null,
    DateTimeOffset? RetiredAt = null);
