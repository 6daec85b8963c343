using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kakunin.Certificates.Acme;

namespace Kakunin.Certificates.Tests;

/// <summary>The pure parts of ACME checked against the RFC text: JWS, thumbprint, key authorization, challenge certificate.</summary>
public sealed class AcmeProtocolTests
{
    [Fact]
    public void A_signed_request_is_flattened_JWS_with_the_header_RFC_8555_asks_for()
    {
        using var key = AcmeAccountKey.CreateEphemeral();

        var body = JsonDocument.Parse(AcmeJws.Sign(key, "https://ca.test/acme/new-order", "nonce-1", "https://ca.test/acme/acct/7", "{\"a\":1}")).RootElement;

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(body.GetProperty("protected").GetString())).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("nonce-1", header.GetProperty("nonce").GetString());
        Assert.Equal("https://ca.test/acme/new-order", header.GetProperty("url").GetString());
        Assert.Equal("https://ca.test/acme/acct/7", header.GetProperty("kid").GetString());
        // RFC 8555 §6.2: "jwk" and "kid" are mutually exclusive.
        Assert.False(header.TryGetProperty("jwk", out _));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(body.GetProperty("payload").GetString())));
        var signature = Base64Url.DecodeFromChars(body.GetProperty("signature").GetString());
        // RFC 7518 §3.4: R || S, 32 octets each for P-256.
        Assert.Equal(64, signature.Length);
        Assert.True(key.Verify(Encoding.ASCII.GetBytes(body.GetProperty("protected").GetString() + "." + body.GetProperty("payload").GetString()), signature));
    }

    [Fact]
    public void New_account_carries_the_key_and_POST_as_GET_has_an_empty_payload()
    {
        using var key = AcmeAccountKey.CreateEphemeral();

        var body = JsonDocument.Parse(AcmeJws.Sign(key, "https://ca.test/new-acct", "n", accountUrl: null, payload: null)).RootElement;

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(body.GetProperty("protected").GetString())).RootElement;
        Assert.Equal("EC", header.GetProperty("jwk").GetProperty("kty").GetString());
        Assert.False(header.TryGetProperty("kid", out _));
        // RFC 8555 §6.3: POST-as-GET's payload is the empty string.
        Assert.Equal("", body.GetProperty("payload").GetString());
    }

    [Fact]
    public void The_thumbprint_is_SHA256_of_the_members_in_lexicographic_order()
    {
        using var key = AcmeAccountKey.CreateEphemeral();
        var jwk = JsonDocument.Parse(key.Jwk).RootElement;
        // RFC 7638 §3.2, written out independently of the class: crv, kty, x, y; no spaces.
        var canonical = $"{{\"crv\":\"{jwk.GetProperty("crv")}\",\"kty\":\"{jwk.GetProperty("kty")}\",\"x\":\"{jwk.GetProperty("x")}\",\"y\":\"{jwk.GetProperty("y")}\"}}";

        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), key.Thumbprint);
        Assert.Equal(43, key.Thumbprint.Length);
        Assert.Equal("tok." + key.Thumbprint, key.KeyAuthorization("tok"));
    }

    [Fact]
    public void The_TLS_ALPN_certificate_has_one_name_and_the_critical_acmeIdentifier_digest()
    {
        using var certificate = TlsAlpn01ChallengeResponder.CreateCertificate("Mail.Example.Test", "token.thumb", DateTimeOffset.UtcNow);

        Assert.Equal(["mail.example.test"], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        var extension = certificate.Extensions[TlsAlpn01ChallengeResponder.AcmeIdentifierOid]!;
        Assert.True(extension.Critical);
        // RFC 8737 §3: extnValue is the DER of Authorization ::= OCTET STRING (SIZE (32)), here 04 20 <digest>.
        Assert.Equal([0x04, 0x20, .. SHA256.HashData("token.thumb"u8)], extension.RawData);
        Assert.Equal(SHA256.HashData("token.thumb"u8), new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadOctetString());
    }

    [Theory]
    [InlineData(2.0 / 3.0, 60)]
    [InlineData(0.5, 45)]
    public void Renewal_is_due_at_the_fraction_of_the_lifetime(double fraction, int day)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=mail.example.test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("mail.example.test");
        request.CertificateExtensions.Add(san.Build());
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var leaf = request.CreateSelfSigned(start, start.AddDays(90));

        Assert.Equal(start.AddDays(day), AcmeRenewalService.RenewalDue(leaf, ["mail.example.test"], fraction));
        Assert.Equal(DateTimeOffset.MinValue, AcmeRenewalService.RenewalDue(leaf, ["mail.example.test", "mx.example.test"], fraction));
    }
}
