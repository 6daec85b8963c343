using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// ARC chain validation (RFC 8617 §5.2) with MimeKit's <see cref="ArcVerifier"/>, only when the message has ARC
/// sets. pass or fail; none when there is no chain; a DNS failure while fetching keys is temperror.
/// </summary>
public sealed class ArcChecker
{
    private readonly ArcVerifier _verifier;

    public ArcChecker(IDkimPublicKeyLocator locator) => _verifier = new ArcVerifier(locator);

    public async Task<AuthResult> VerifyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Headers.Contains(HeaderId.ArcSeal)) return AuthResult.None;
        try
        {
            var result = await _verifier.VerifyAsync(message, cancellationToken).ConfigureAwait(false);
            return result.Chain switch
            {
                ArcSignatureValidationResult.Pass => AuthResult.Pass,
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
