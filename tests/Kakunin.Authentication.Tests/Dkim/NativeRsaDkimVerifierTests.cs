using System.Security.Cryptography;
using System.Text;
using Kakunin.Authentication.Dkim;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Kakunin.Authentication.Tests.Dkim;

/// <summary>
/// The .NET-RSA verifier says what MimeKit's own <see cref="DkimVerifier"/> says, signature by signature, for
/// rsa-sha256 under both canonicalizations (RFC 6376 §3.4), on intact and altered messages; and it really decides
/// the good ones itself, without falling back to BouncyCastle.
/// </summary>
public class NativeRsaDkimVerifierTests
{
    // (what is changed after signing, expected with relaxed/relaxed, expected with simple/simple)
    public static TheoryData<string, bool, bool> Alterations => new()
    {
        { "nothing", true, true },
        { "body word", false, false },
        { "body trailing space", true, false },     // §3.4.4 relaxed body ignores trailing WSP, §3.4.3 simple does not
        { "subject word", false, false },
        { "subject spacing", true, false },         // §3.4.2 relaxed header collapses WSP, §3.4.1 simple does not
        { "header name case", true, false },        // §3.4.2 relaxed lowercases field names
        { "unsigned header added", true, true },    // Received is not in h=
        { "signed header added below", false, false }, // §5.4.2: a second To at the bottom is the instance the h= entry now means
        { "signature value", false, false },
        { "signature tag", false, false },          // the DKIM-Signature itself is hashed (§3.7)
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public async Task Agrees_with_MimeKit_on_rsa_sha256(string alteration, bool relaxedPass, bool simplePass)
    {
        var signer = new TestSigner();
        var zone = new TestZone().Txt("s1._domainkey.example.test", signer.KeyRecord);
        var locator = new DnsDkimKeyLocator(zone);
        foreach (var relaxed in new[] { true, false })
        {
            var text = Alter(Encoding.ASCII.GetString(signer.Sign(TestSigner.Message(), relaxed: relaxed)), alteration);
            var message = TestSigner.Load(Encoding.ASCII.GetBytes(text));
            var header = message.Headers.First(h => h.Id == HeaderId.DkimSignature);
            var native = new NativeRsaDkimVerifier(locator);

            var mimeKitVerdict = await new DkimVerifier(locator).VerifyAsync(message, header);
            var nativeVerdict = await native.VerifyAsync(message, header);

            var expected = relaxed ? relaxedPass : simplePass;
            Assert.True(expected == mimeKitVerdict, $"{alteration}, {(relaxed ? "relaxed" : "simple")}: MimeKit says {mimeKitVerdict}");
            Assert.True(mimeKitVerdict == nativeVerdict, $"{alteration}, {(relaxed ? "relaxed" : "simple")}: MimeKit {mimeKitVerdict}, native {nativeVerdict}");
            Assert.Equal(expected ? 1 : 0, native.NativePasses); // a pass came from .NET's RSA, not from the BouncyCastle second opinion
        }
    }

    private static string Alter(string text, string alteration) => alteration switch
    {
        "nothing" => text,
        "body word" => text.Replace("attached", "ATTACHED", StringComparison.Ordinal),
        "body trailing space" => text.Replace("attached.\r\n", "attached.  \r\n", StringComparison.Ordinal),
        "subject word" => text.Replace("Subject: Contract", "Subject: Contracts", StringComparison.Ordinal),
        "subject spacing" => text.Replace("Subject: Contract", "Subject:   Contract", StringComparison.Ordinal),
        "header name case" => text.Replace("Subject: Contract", "SUBJECT: Contract", StringComparison.Ordinal),
        "unsigned header added" => "Received: from relay.example.test by mx.receiver.test; Tue, 2 Jan 2029 03:04:06 +0000\r\n" + text,
        "signed header added below" => text.Replace("\r\n\r\n", "\r\nTo: mallory@receiver.test\r\n\r\n", StringComparison.Ordinal),
        "signature value" => FlipInB(text),
        "signature tag" => text.Replace("d=example.test;", "d=example.test; x=9999999999;", StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(alteration)),
    };

    private static string FlipInB(string text)
    {
        // The 20th base64 character of b= (the value may be folded, so skip whitespace).
        var at = text.IndexOf("; b=", StringComparison.Ordinal) + 4;
        for (var seen = 0; seen < 20 || char.IsWhiteSpace(text[at]); at++)
            if (!char.IsWhiteSpace(text[at])) seen++;
        return text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..];
    }

    [Fact]
    public void A_signature_with_its_leading_zero_octet_dropped_still_verifies_as_in_BouncyCastle()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        var key = new RsaKeyParameters(false, new Org.BouncyCastle.Math.BigInteger(1, p.Modulus), new Org.BouncyCastle.Math.BigInteger(1, p.Exponent));
        // About one signature in 256 starts with 0x00; find one.
        for (var i = 0; ; i++)
        {
            var hash = SHA256.HashData(BitConverter.GetBytes(i));
            var signature = rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (signature[0] != 0) continue;
            var shortened = signature[1..];
            Assert.True(NativeRsa.VerifySha256(key, hash, shortened));
            Assert.True(BouncyCastleVerifies(key, hash, shortened));
            shortened[^1] ^= 1;
            Assert.False(NativeRsa.VerifySha256(key, hash, shortened));
            return;
        }
    }

    private static bool BouncyCastleVerifies(RsaKeyParameters key, byte[] hash, byte[] signature)
    {
        var signer = new RsaDigestSigner(new NullDigest(), Org.BouncyCastle.Asn1.Nist.NistObjectIdentifiers.IdSha256);
        signer.Init(false, key);
        signer.BlockUpdate(hash, 0, hash.Length);
        return signer.VerifySignature(signature);
    }
}
