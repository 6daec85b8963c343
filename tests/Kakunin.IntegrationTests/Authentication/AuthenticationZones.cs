using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// The DNS world of the authentication tests: our demo domain example.test (whose SPF does not list loopback, so
/// mail claiming it from 127.0.0.1 is not vouched for), a sender that passes SPF, DKIM and DMARC (good.test), and
/// senders whose DMARC says reject or quarantine. The records are plain data, ready for the shared DNS fixture.
/// </summary>
public sealed class AuthenticationZones
{
    public const string Good = "good.test";
    public const string Reject = "reject.test";
    public const string Quarantine = "quarantine.test";

    /// <summary>A domain no zone serves: the server answers REFUSED, a resolver's temporary failure.</summary>
    public const string Unserved = "unserved.example";

    private readonly AsymmetricCipherKeyPair _key;

    public AuthenticationZones()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
        _key = generator.GenerateKeyPair();
    }

    public static IReadOnlyList<string> Zones { get; } = ["example.test", Good, Reject, Quarantine];

    public IReadOnlyList<DnsRecord> Records =>
    [
        new("example.test", "TXT", "v=spf1 ip4:192.0.2.1 -all"),
        new("_dmarc.example.test", "TXT", "v=DMARC1; p=reject"),
        new(Good, "TXT", "v=spf1 ip4:127.0.0.0/8 -all"),
        new($"s1._domainkey.{Good}", "TXT", "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_key.Public).GetEncoded())),
        new($"_dmarc.{Good}", "TXT", "v=DMARC1; p=reject"),
        new(Reject, "TXT", "v=spf1 ip4:192.0.2.1 -all"),
        new($"_dmarc.{Reject}", "TXT", "v=DMARC1; p=reject"),
        new(Quarantine, "TXT", "v=spf1 -all"),
        new($"_dmarc.{Quarantine}", "TXT", "v=DMARC1; p=quarantine"),
    ];

    /// <summary>The message's bytes signed by good.test with selector s1 (rsa-sha256, relaxed/relaxed).</summary>
    public byte[] SignAsGood(MimeMessage message)
    {
        var signer = new DkimSigner(_key.Private, Good, "s1")
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.MessageId]);
        using var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, stream);
        return stream.ToArray();
    }
}
