using Kakunin.IntegrationTests.Peers;
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
/// senders whose DMARC says reject or quarantine.
/// </summary>
public sealed class AuthenticationZones
{
    public const string Good = "good.test";
    public const string Reject = "reject.test";
    public const string Quarantine = "quarantine.test";

    /// <summary>A domain no zone serves: NSD answers REFUSED, which a resolver takes as a temporary failure.</summary>
    public const string Unserved = "unserved.example";

    private readonly AsymmetricCipherKeyPair _key;

    public AuthenticationZones()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
        _key = generator.GenerateKeyPair();
    }

    /// <summary>The zones as <see cref="AuthoritativeDns"/> serves them (a new set each call: a server owns its zones).</summary>
    public DnsZone[] Zones() =>
    [
        new DnsZone("example.test").Txt("@", "v=spf1 ip4:192.0.2.1 -all").Txt("_dmarc", "v=DMARC1; p=reject"),
        new DnsZone(Good).Txt("@", "v=spf1 ip4:127.0.0.0/8 -all")
            .Txt("s1._domainkey", "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_key.Public).GetEncoded()))
            .Txt("_dmarc", "v=DMARC1; p=reject"),
        new DnsZone(Reject).Txt("@", "v=spf1 ip4:192.0.2.1 -all").Txt("_dmarc", "v=DMARC1; p=reject"),
        new DnsZone(Quarantine).Txt("@", "v=spf1 -all").Txt("_dmarc", "v=DMARC1; p=quarantine"),
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
