using Kakunin.Authentication.Dkim;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Kakunin.Authentication.Tests.Dkim;

public sealed class DkimKeyMaterialTests
{
    [Fact]
    public void Rsa_keys_are_2048_bit_pkcs8_and_their_record_holds_the_subject_public_key_info()
    {
        var pem = DkimKeyMaterial.Generate(DkimAlgorithms.RsaSha256);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);

        var record = DkimKeyMaterial.Record(DkimAlgorithms.RsaSha256, pem);
        Assert.StartsWith("v=DKIM1; k=rsa; p=", record, StringComparison.Ordinal);
        var spki = PublicKeyFactory.CreateKey(Convert.FromBase64String(record["v=DKIM1; k=rsa; p=".Length..]));
        var rsa = Assert.IsType<RsaKeyParameters>(spki);
        Assert.Equal(2048, rsa.Modulus.BitLength);
        Assert.False(rsa.IsPrivate);
    }

    [Fact]
    public void Ed25519_records_hold_the_bare_32_octet_public_key()
    {
        // RFC 8463 §4.2: p= is the base64 of the raw public key, not an ASN.1 structure.
        var pem = DkimKeyMaterial.Generate(DkimAlgorithms.Ed25519Sha256);
        var record = DkimKeyMaterial.Record(DkimAlgorithms.Ed25519Sha256, pem);
        Assert.StartsWith("v=DKIM1; k=ed25519; p=", record, StringComparison.Ordinal);
        var raw = Convert.FromBase64String(record["v=DKIM1; k=ed25519; p=".Length..]);
        Assert.Equal(32, raw.Length);
        Assert.Equal(((Ed25519PrivateKeyParameters)DkimKeyMaterial.Load(pem)).GeneratePublicKey().GetEncoded(), raw);
    }

    [Fact]
    public void Rfc_8463_example_key_gives_the_rfc_record()
    {
        // RFC 8463 Appendix A.2: the example private key (base64 seed) and its DNS record's p= value.
        var seed = Convert.FromBase64String("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
        var key = new Ed25519PrivateKeyParameters(seed);
        var pem = System.Security.Cryptography.PemEncoding.WriteString("PRIVATE KEY",
            Org.BouncyCastle.Pkcs.PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded());
        Assert.Equal("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", DkimKeyMaterial.PublicKey(pem));
    }

    [Fact]
    public void Anything_but_a_pkcs8_private_key_is_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        Assert.Throws<FormatException>(() => DkimKeyMaterial.Load(rsa.ExportRSAPrivateKeyPem())); // "RSA PRIVATE KEY" (PKCS#1)
    }
}
