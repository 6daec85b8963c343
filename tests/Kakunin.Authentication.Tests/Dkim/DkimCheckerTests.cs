using System.Text;
using Kakunin.Authentication.Dkim;

namespace Kakunin.Authentication.Tests.Dkim;

/// <summary>Each DKIM-Signature gets a precise result and nothing escapes (RFC 6376 §6.1, RFC 8601 §2.7.1).</summary>
public class DkimCheckerTests
{
    private static async Task<DkimCheck> Verify(byte[] bytes, TestZone zone) =>
        Assert.Single(await new DkimChecker(zone).VerifyAsync(TestSigner.Load(bytes), CancellationToken.None));

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task A_good_signature_passes_and_a_changed_body_fails(bool ed25519, bool relaxed)
    {
        var signer = new TestSigner(ed25519);
        var zone = new TestZone().Txt("s1._domainkey.example.test", signer.KeyRecord);
        var signed = signer.Sign(TestSigner.Message(), relaxed: relaxed);
        var pass = await Verify(signed, zone);
        Assert.Equal(new DkimCheck(AuthResult.Pass, "example.test", "s1", ed25519 ? "ed25519-sha256" : "rsa-sha256"), pass);

        var changed = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(signed).Replace("attached", "ATTACHED", StringComparison.Ordinal));
        Assert.Equal(AuthResult.Fail, (await Verify(changed, zone)).Result);
    }

    [Fact]
    public async Task Missing_key_is_permerror_DNS_failure_temperror_and_malformed_signatures_permerror()
    {
        var signer = new TestSigner();
        var signed = signer.Sign(TestSigner.Message());
        Assert.Equal(AuthResult.PermError, (await Verify(signed, new TestZone())).Result); // §6.1.2: no key record
        Assert.Equal(AuthResult.PermError, (await Verify(signed, new TestZone().Txt("s1._domainkey.example.test", "v=DKIM1; p="))).Result); // revoked
        Assert.Equal(AuthResult.PermError, (await Verify(signed, new TestZone().Txt("s1._domainkey.example.test", "v=DKIM1; p=!!!"))).Result);
        var down = new TestZone();
        down.Failing.Add("s1._domainkey.example.test");
        Assert.Equal(AuthResult.TempError, (await Verify(signed, down)).Result);

        var zone = new TestZone().Txt("s1._domainkey.example.test", signer.KeyRecord);
        foreach (var header in new[]
        {
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=s1; h=from; bh=AAAA; b=",
            "DKIM-Signature: garbage without tags",
            "DKIM-Signature: v=1; a=rsa-sha999; d=example.test; s=s1; h=from; bh=AAAA; b=AAAA",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; h=from; bh=AAAA; b=AAAA",
            "DKIM-Signature: v=2; a=rsa-sha256; d=example.test; s=s1; h=from; bh=AAAA; b=AAAA",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=s1; h=subject; bh=AAAA; b=AAAA", // h= lacks From (§3.5)
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=s1; h=from; bh=%%%; b=%%%",
        })
        {
            var bytes = Encoding.ASCII.GetBytes(header + "\r\nFrom: alice@example.test\r\nSubject: x\r\n\r\nbody\r\n");
            var check = await Verify(bytes, zone);
            Assert.True(check.Result is AuthResult.PermError, $"{header}: {check.Result}");
        }

        var sha1 = Encoding.ASCII.GetBytes("DKIM-Signature: v=1; a=rsa-sha1; d=example.test; s=s1; h=from; bh=AAAA; b=AAAA\r\nFrom: a@example.test\r\n\r\nx\r\n");
        Assert.Equal(AuthResult.Policy, (await Verify(sha1, zone)).Result); // RFC 8301 §3.1: not acceptable, whatever the math says
    }
}
