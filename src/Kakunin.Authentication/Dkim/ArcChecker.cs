using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// ARC chain validation (RFC 8617 §5.2) with MimeKit's <see cref="ArcVerifier"/>, only when the message has ARC
/// sets. pass or fail; none when there is no chain; a DNS failure while fetching keys is temperror (RFC 8601 §2.7.1,
/// as for DKIM: the verdict could not be reached now), which MimeKit alone would report as fail
/// (<see cref="TempFailureNotingLocator"/>).
/// </summary>
public sealed class ArcChecker
{
    private readonly IDkimPublicKeyLocator _locator;

    public ArcChecker(IDkimPublicKeyLocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        _locator = locator;
    }

    public async Task<AuthResult> VerifyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Headers.Contains(HeaderId.ArcSeal)) return AuthResult.None;
        try
        {
            var locator = new TempFailureNotingLocator(_locator);
            var result = await new ArcVerifier(locator).VerifyAsync(message, cancellationToken).ConfigureAwait(false);
            return result.Chain switch
            {
                ArcSignatureValidationResult.Pass => AuthResult.Pass,
                ArcSignatureValidationResult.Fail when locator.SawTemporaryFailure => AuthResult.TempError,
                ArcSignatureValidationResult.Fail => AuthResult.Fail,
                _ => AuthResult.None,
            };
        }
        catch (DkimKeyException e) when (e.Temporary)
        {
            return AuthResult.TempError;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AuthResult.TempError;
        }
#pragma warning disable CA1031 // a broken chain is a failed chain (RFC 8617 §5.2), never the end of the message
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return AuthResult.Fail;
        }
    }
}
