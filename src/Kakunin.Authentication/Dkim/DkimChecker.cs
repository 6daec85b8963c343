using Kakunin.Authentication.Dns;
using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// Verifies every DKIM-Signature of a message (RFC 6376 §6) with MimeKit's DKIM verification, its RSA step done by
/// .NET for speed (<see cref="NativeRsaDkimVerifier"/>): rsa-sha256 and ed25519-sha256 (RFC 8463); rsa-sha1 is
/// refused (RFC 8301 §3.1) and reported as policy. Each signature gets a result and nothing escapes: a good signature is pass, a bad one fail, a malformed signature or unusable
/// key permerror, a DNS failure temperror (RFC 8601 §2.7.1).
/// </summary>
public sealed class DkimChecker
{
    private readonly NativeRsaDkimVerifier _verifier;
    private readonly int _maxSignatures;

    /// <param name="maxSignatures">Signatures verified per message; later ones are ignored (RFC 6376 §6.1: a verifier MAY limit them).</param>
    public DkimChecker(IDkimPublicKeyLocator locator, int maxSignatures = 8)
    {
        ArgumentNullException.ThrowIfNull(locator);
        // RFC 8301 §3.2: RSA keys shorter than 1024 bits MUST NOT be considered valid (MimeKit's default minimum).
        _verifier = new NativeRsaDkimVerifier(locator) { MinimumRsaKeyLength = 1024 };
        _maxSignatures = maxSignatures;
    }

    public DkimChecker(IAuthDns dns, int maxSignatures = 8) : this(new DnsDkimKeyLocator(dns), maxSignatures) { }

    public async Task<IReadOnlyList<DkimCheck>> VerifyAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var checks = new List<DkimCheck>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).Take(_maxSignatures))
        {
            var (domain, selector, algorithm) = DkimSignatureTags.Read(header.Value);
            var result = !DkimSignatureTags.HasBase64Values(header.Value) ? AuthResult.PermError
                // RFC 8301 §3.1: rsa-sha1 MUST NOT be considered valid; RFC 8601 §2.7.1 "policy": signed, but not acceptably.
                : algorithm == "rsa-sha1" ? AuthResult.Policy
                : await VerifyOneAsync(message, header, cancellationToken).ConfigureAwait(false);
            checks.Add(new DkimCheck(result, domain, selector, algorithm));
        }
        return checks;
    }

    private async Task<AuthResult> VerifyOneAsync(MimeMessage message, Header header, CancellationToken cancellationToken)
    {
        try
        {
            return await _verifier.VerifyAsync(message, header, cancellationToken).ConfigureAwait(false) ? AuthResult.Pass : AuthResult.Fail;
        }
        catch (DkimKeyException e)
        {
            return e.Temporary ? AuthResult.TempError : AuthResult.PermError;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AuthResult.TempError; // a DNS client's own timeout
        }
#pragma warning disable CA1031 // RFC 6376 §6.1: a signature that cannot be checked is PERMFAIL, never the end of the message
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return AuthResult.PermError; // FormatException (malformed tags), NotSupportedException (rsa-sha1), BouncyCastle errors
        }
    }
}
