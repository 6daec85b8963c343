using MimeKit;
using MimeKit.Cryptography;
using MimeKit.IO;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// MimeKit's DKIM verification (<see cref="DkimVerifier"/>) with the rsa-sha256 step done by .NET's RSA instead of
/// BouncyCastle's, and the body hashed by .NET's SHA-256. Why: one RSA-2048 verify costs ~460 µs of CPU in
/// BouncyCastle's managed big-integer code and ~22 µs through OpenSSL (measured on this machine, see
/// docs/benchmarks.md "Authentication cost"); that verify was nearly all of the ~0.75 ms that authentication added
/// to each received message, and issue 9 allows authentication at most 15% of SMTP throughput. MimeKit builds its
/// BouncyCastle signer in an internal method (DkimVerifierBase.CreateVerifyContext) that cannot be overridden, so
/// this class repeats DkimVerifier's few steps with MimeKit's own parsing and canonicalization
/// (<see cref="MimeKitCanonicalization"/>) and changes only the two hashes and the signature check. Everything
/// else — tag checks, canonicalization, key lookup, the minimum key length, ed25519 signatures — is MimeKit's.
/// </summary>
public sealed class NativeRsaDkimVerifier : DkimVerifierBase
{
    private readonly DkimVerifier _mimeKit;
    private volatile bool _canonicalizationReachable = true;
    private long _nativePasses;

    public NativeRsaDkimVerifier(IDkimPublicKeyLocator publicKeyLocator) : base(publicKeyLocator) => _mimeKit = new DkimVerifier(publicKeyLocator);

    /// <summary>Signatures that .NET's RSA passed on its own, without BouncyCastle (for tests).</summary>
    internal long NativePasses => Interlocked.Read(ref _nativePasses);

    /// <summary>Same contract as <see cref="DkimVerifier.VerifyAsync(MimeMessage, Header, CancellationToken)"/>.</summary>
    public async Task<bool> VerifyAsync(MimeMessage message, Header dkimSignature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(dkimSignature);
        if (dkimSignature.Id != HeaderId.DkimSignature) throw new ArgumentException("not a DKIM-Signature header", nameof(dkimSignature));
        if (!_canonicalizationReachable) return await MimeKitVerifyAsync(message, dkimSignature, cancellationToken).ConfigureAwait(false);
        try
        {
            return await NativeVerifyAsync(message, dkimSignature, cancellationToken).ConfigureAwait(false);
        }
        catch (MissingMemberException)
        {
            _canonicalizationReachable = false; // a MimeKit without the internals we call: its own path, slower but right
            return await MimeKitVerifyAsync(message, dkimSignature, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<bool> MimeKitVerifyAsync(MimeMessage message, Header dkimSignature, CancellationToken cancellationToken)
    {
        _mimeKit.MinimumRsaKeyLength = MinimumRsaKeyLength;
        return _mimeKit.VerifyAsync(message, dkimSignature, cancellationToken);
    }

    // The steps of MimeKit 4.18's DkimVerifier.VerifyAsync, in its order.
    private async Task<bool> NativeVerifyAsync(MimeMessage message, Header dkimSignature, CancellationToken cancellationToken)
    {
        var parameters = MimeKitCanonicalization.ParseParameterTags(null, dkimSignature.Id, dkimSignature.Value);
        MimeKitCanonicalization.ValidateDkimSignatureParameters(null, parameters, out var algorithm, out var headerAlgorithm, out var bodyAlgorithm,
            out var d, out var s, out var q, out var headers, out var bh, out var b, out var maxLength);
        if (!IsEnabled(algorithm)) return false;

        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        // RFC 6376 §6.1.3: a body hash mismatch fails the signature before any key is fetched. Both enabled
        // algorithms hash with SHA-256 (RFC 8463 §3 for ed25519), done by .NET: BouncyCastle's managed SHA-256 was
        // the next largest cost after RSA (~255 µs for a 32 KB body).
        var bodyHash = algorithm is DkimSignatureAlgorithm.RsaSha256 or DkimSignatureAlgorithm.Ed25519Sha256
            ? Convert.ToBase64String(MimeKitCanonicalization.Sha256BodyHash(options, message, bodyAlgorithm, maxLength)) == bh
            : VerifyBodyHash(options, message, algorithm, bodyAlgorithm, maxLength, bh);
        if (!bodyHash) return false;

        var key = await PublicKeyLocator.LocatePublicKeyAsync(q, d, s, cancellationToken).ConfigureAwait(false);
        if (key is RsaKeyParameters rsa && rsa.Modulus.BitLength < MinimumRsaKeyLength) return false;
        return VerifyHeaders(options, message, dkimSignature, algorithm, key, headers, headerAlgorithm, b);
    }

    private bool VerifyHeaders(FormatOptions options, MimeMessage message, Header dkimSignature, DkimSignatureAlgorithm algorithm,
        AsymmetricKeyParameter key, string[] headers, DkimCanonicalizationAlgorithm headerAlgorithm, string b)
    {
        if (algorithm != DkimSignatureAlgorithm.RsaSha256 || key is not RsaKeyParameters { IsPrivate: false } rsa)
            return VerifySignature(options, message, dkimSignature, algorithm, key, headers, headerAlgorithm, b); // ed25519 (.NET 10 has none), odd keys

        byte[] hash;
        using (var sink = new Sha256Sink())
        {
            using (var filtered = new FilteredStream(sink))
            {
                filtered.Add(MimeKitCanonicalization.CreateNewLineFilter(options, ensureNewLine: false));
                // RFC 6376 §3.7: the signed header fields in h= order, then this DKIM-Signature with b= empty and no CRLF.
                MimeKitCanonicalization.WriteHeaders(null, options, message, headers, headerAlgorithm, filtered);
                var signed = MimeKitCanonicalization.GetSignedSignatureHeader(null, dkimSignature);
                MimeKitCanonicalization.WriteHeader(options, filtered, signed, headerAlgorithm, isSignature: true);
                filtered.Flush();
            }
            hash = sink.Hash();
        }

        if (NativeRsa.VerifySha256(rsa, hash, Convert.FromBase64String(b)))
        {
            Interlocked.Increment(ref _nativePasses);
            return true;
        }
        // A "no" is asked again of BouncyCastle, which also takes a DigestInfo without its NULL parameters (RFC 8017
        // §9.2 note 2) where OpenSSL does not: the verdict stays MimeKit's exactly. Only failing signatures pay for
        // it, and they paid that much before.
        return VerifySignature(options, message, dkimSignature, algorithm, key, headers, headerAlgorithm, b);
    }
}
