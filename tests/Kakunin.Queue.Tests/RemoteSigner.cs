using Kakunin.Authentication.Dkim;
using Kakunin.Authentication.Tests;

namespace Kakunin.Queue.Tests;

/// <summary>
/// Signs a message as another domain's server would, with the project's own DKIM signer and a new key, and
/// publishes the key where a verifier looks for it: TXT at SELECTOR._domainkey.DOMAIN (RFC 6376 §3.6.2.1).
/// </summary>
internal static class RemoteSigner
{
    /// <param name="publishIn">The zone to publish the key record in; null leaves the key unpublished (RFC 6376 §6.1.2: no key, PERMFAIL).</param>
    public static byte[] Sign(byte[] message, string domain, TestZone? publishIn, string algorithm = DkimAlgorithms.Ed25519Sha256, string selector = "s1")
    {
        var pem = DkimKeyMaterial.Generate(algorithm);
        publishIn?.Txt($"{selector}._domainkey.{domain}", DkimKeyMaterial.Record(algorithm, pem));
        return DkimMessageSigner.Sign(message, [DkimSigningKey.FromPem(domain, selector, algorithm, pem)]);
    }
}
