using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Kakunin.Authentication.Tests.Dkim;

/// <summary>Keys and signatures made with MimeKit's DkimSigner, and the TXT records that publish the keys (RFC 6376 §3.6.1, RFC 8463 §4).</summary>
internal sealed class TestSigner
{
    private static readonly Lazy<AsymmetricCipherKeyPair> Rsa = new(() =>
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
        return generator.GenerateKeyPair();
    });

    private static readonly Lazy<AsymmetricCipherKeyPair> Ed25519 = new(() =>
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        return generator.GenerateKeyPair();
    });

    public TestSigner(bool ed25519 = false) => IsEd25519 = ed25519;

    public bool IsEd25519 { get; }

    private AsymmetricCipherKeyPair Pair => IsEd25519 ? Ed25519.Value : Rsa.Value;

    /// <summary>The DNS TXT record for the key.</summary>
    public string KeyRecord => IsEd25519
        ? "v=DKIM1; k=ed25519; p=" + Convert.ToBase64String(((Ed25519PublicKeyParameters)Pair.Public).GetEncoded())
        : "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Pair.Public).GetEncoded());

    public static MimeMessage Message(string from = "alice@example.test", string body = "Hello,\r\n\r\nthe contract is attached.\r\n", int padTo = 0)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("bob@receiver.test"));
        message.Subject = "Contract";
        message.Date = new DateTimeOffset(2029, 1, 2, 3, 4, 5, TimeSpan.Zero);
        message.MessageId = "c1@example.test";
        var text = new StringBuilder(body);
        while (text.Length < padTo) text.Append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\r\n");
        message.Body = new TextPart("plain") { Text = text.ToString() };
        return message;
    }

    /// <summary>Signs <paramref name="message"/> for <paramref name="domain"/> with selector <paramref name="selector"/> and returns its bytes.</summary>
    public byte[] Sign(MimeMessage message, string domain = "example.test", string selector = "s1", bool relaxed = true)
    {
        var signer = new DkimSigner(Pair.Private, domain, selector, IsEd25519 ? DkimSignatureAlgorithm.Ed25519Sha256 : DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = relaxed ? DkimCanonicalizationAlgorithm.Relaxed : DkimCanonicalizationAlgorithm.Simple,
            BodyCanonicalizationAlgorithm = relaxed ? DkimCanonicalizationAlgorithm.Relaxed : DkimCanonicalizationAlgorithm.Simple,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId]);
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default.Clone().WithNewLine(NewLineFormat.Dos), stream);
        return stream.ToArray();
    }

    public static MimeMessage Load(byte[] bytes) => MimeMessage.Load(new MemoryStream(bytes));
}

internal static class FormatOptionsExtensions
{
    public static FormatOptions WithNewLine(this FormatOptions options, NewLineFormat format)
    {
        options.NewLineFormat = format;
        return options;
    }
}
