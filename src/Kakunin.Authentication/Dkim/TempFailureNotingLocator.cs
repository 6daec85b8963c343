using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// Passes key lookups through and remembers whether one failed only for now (DNS, a temporary
/// <see cref="DkimKeyException"/>). MimeKit's ArcVerifier catches every exception a key lookup throws and calls the
/// chain failed, which would make a DNS timeout look like a forged chain; with this, <see cref="ArcChecker"/> can tell
/// the two apart. One instance per verification: the flag belongs to one message.
/// </summary>
internal sealed class TempFailureNotingLocator(IDkimPublicKeyLocator inner) : IDkimPublicKeyLocator
{
    public bool SawTemporaryFailure { get; private set; }

    public AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        try
        {
            return inner.LocatePublicKey(methods, domain, selector, cancellationToken);
        }
        catch (DkimKeyException e) when (e.Temporary)
        {
            SawTemporaryFailure = true;
            throw;
        }
    }

    public async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.LocatePublicKeyAsync(methods, domain, selector, cancellationToken).ConfigureAwait(false);
        }
        catch (DkimKeyException e) when (e.Temporary)
        {
            SawTemporaryFailure = true;
            throw;
        }
    }
}
