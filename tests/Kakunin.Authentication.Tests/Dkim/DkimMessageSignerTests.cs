using System.Text;
using Kakunin.Authentication.Dkim;
using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication.Tests.Dkim;

public sealed class DkimMessageSignerTests
{
    private static readonly string RsaPem = DkimKeyMaterial.Generate(DkimAlgorithms.RsaSha256);
    private static readonly string EdPem = DkimKeyMaterial.Generate(DkimAlgorithms.Ed25519Sha256);

    private static readonly byte[] Message = Encoding.ASCII.GetBytes(
        "From: Alice <alice@example.test>\r\nTo: carol@peer.test\r\nSubject: Contract\r\nDate: Sat, 05 Dec 2026 10:00:00 +0900\r\n" +
        "Message-ID: <m1@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease sign.\r\n \r\nAlice\r\n");

    private static IReadOnlyList<DkimSigningKey> Keys =>
    [
        DkimSigningKey.FromPem("example.test", "rsa1", DkimAlgorithms.RsaSha256, RsaPem),
        DkimSigningKey.FromPem("example.test", "ed1", DkimAlgorithms.Ed25519Sha256, EdPem),
    ];

    private static RecordKeyLocator Locator => new(new()
    {
        ["rsa1._domainkey.example.test"] = DkimKeyMaterial.Record(DkimAlgorithms.RsaSha256, RsaPem),
        ["ed1._domainkey.example.test"] = DkimKeyMaterial.Record(DkimAlgorithms.Ed25519Sha256, EdPem),
    });

    [Fact]
    public void Two_keys_give_two_signatures_prepended_to_the_unchanged_message()
    {
        var signed = DkimMessageSigner.Sign(Message, Keys);

        Assert.True(signed.AsSpan().EndsWith(Message), "the stored bytes follow the signatures unchanged");
        var text = Encoding.ASCII.GetString(signed, 0, signed.Length - Message.Length);
        Assert.StartsWith("DKIM-Signature:", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("DKIM-Signature:").Length - 1);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // CRLF only

        var message = MimeMessage.Load(new MemoryStream(signed));
        var signatures = message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList();
        Assert.Contains("a=ed25519-sha256", Flat(signatures[0].Value), StringComparison.Ordinal); // the last key's on top
        Assert.Contains("a=rsa-sha256", Flat(signatures[1].Value), StringComparison.Ordinal);
        foreach (var signature in signatures)
        {
            var value = Flat(signature.Value);
            Assert.Contains("c=relaxed/relaxed", value, StringComparison.Ordinal);
            Assert.Contains("d=example.test", value, StringComparison.Ordinal);
            Assert.Matches("h=[^;]*\\bfrom\\b", value.ToLowerInvariant());
            Assert.DoesNotMatch("h=[^;]*dkim-signature", value.ToLowerInvariant()); // neither signs the other
        }
    }

    [Fact]
    public void Both_signatures_verify_with_mimekit_and_fail_once_the_body_changes()
    {
        var signed = DkimMessageSigner.Sign(Message, Keys);
        var verifier = new DkimVerifier(Locator);
        verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
        var message = MimeMessage.Load(new MemoryStream(signed));
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature))
        {
            Assert.True(verifier.Verify(message, header), Flat(header.Value));
        }

        var tampered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(signed).Replace("Please sign.", "Please pay.", StringComparison.Ordinal));
        var changed = MimeMessage.Load(new MemoryStream(tampered));
        Assert.All(changed.Headers.Where(h => h.Id == HeaderId.DkimSignature), h => Assert.False(verifier.Verify(changed, h)));
    }

    [Fact]
    public void A_message_without_from_or_without_keys_is_left_as_it_is()
    {
        var noFrom = Encoding.ASCII.GetBytes("To: carol@peer.test\r\nSubject: x\r\n\r\nbody\r\n");
        Assert.Same(noFrom, DkimMessageSigner.Sign(noFrom, Keys));
        Assert.Same(Message, DkimMessageSigner.Sign(Message, []));
    }

    [Theory]
    [InlineData("example.test", "example.test")]
    [InlineData("MX.Example.Test", "example.test")] // a DSN from MAILER-DAEMON@<host name>: the parent domain signs (relaxed alignment)
    [InlineData("a.b.other.test", "b.other.test")]
    [InlineData("peer.test", null)]
    [InlineData("test", null)]
    public void The_signing_domain_is_the_from_domain_or_its_nearest_parent_with_keys(string from, string? expected)
    {
        var ours = new HashSet<string> { "example.test", "b.other.test" };
        Assert.Equal(expected, DkimMessageSigner.SigningDomain(from, ours));
    }

    [Fact]
    public void The_from_domain_is_the_first_from_address_domain()
    {
        Assert.Equal("example.test", DkimMessageSigner.FromDomain(Message));
        Assert.Null(DkimMessageSigner.FromDomain(Encoding.ASCII.GetBytes("Subject: x\r\n\r\n")));
    }

    private static string Flat(string value) => string.Join(' ', value.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
