using Kakunin.Authentication.Dkim;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// <c>kakunin domain dns</c> and <c>kakunin domain check</c> against a real DNS server: a domain whose DMARC record
/// is missing and whose RSA key record holds another key is told so, in English and in Japanese.
/// </summary>
public sealed class DomainCheckCommandTests(DkimPeerFixture fixture, ITestOutputHelper output) : IClassFixture<DkimPeerFixture>
{
    [Fact]
    public async Task Check_finds_the_missing_dmarc_record_and_the_wrong_dkim_key()
    {
        var (code, text) = await fixture.CliAsync("domain", "add", "second.test");
        Assert.True(code == 0, text);
        var keys = await fixture.KeysAsync("second.test");
        var rsa = keys.Single(k => k.Algorithm == DkimAlgorithms.RsaSha256);
        var ed = keys.Single(k => k.Algorithm == DkimAlgorithms.Ed25519Sha256);
        // Published: MX and SPF as asked, the right Ed25519 key, an RSA record with somebody else's key; no DMARC.
        fixture.Dns.Zone("second.test").Mx("@", 10, "mx.example.test").Txt("@", "v=spf1 mx -all")
            .Txt($"{ed.Selector}._domainkey", DkimKeyMaterial.Record(ed.Algorithm, ed.PrivateKeyPem))
            .Txt($"{rsa.Selector}._domainkey", DkimKeyMaterial.Record(DkimAlgorithms.RsaSha256, DkimKeyMaterial.Generate(DkimAlgorithms.RsaSha256)));
        await fixture.Dns.ReloadAsync();

        var (dnsCode, records) = await fixture.CliAsync("domain", "dns", "second.test", "--hostname", "mx.example.test", "--lang", "en");
        Assert.Equal(0, dnsCode);
        Assert.Contains($"{rsa.Selector}._domainkey.second.test. 3600 IN TXT \"v=DKIM1; k=rsa; p=", records, StringComparison.Ordinal);
        Assert.Contains("_dmarc.second.test. 3600 IN TXT \"v=DMARC1; p=quarantine;", records, StringComparison.Ordinal);

        var (checkCode, english) = await fixture.CliAsync("domain", "check", "second.test", "--hostname", "mx.example.test", "--dns-servers", fixture.Dns.Endpoint, "--lang", "en");
        output.WriteLine(english);
        Assert.Equal(1, checkCode);
        var lines = english.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("MISSING", StringComparison.Ordinal) && l.Contains("TXT _dmarc.second.test: not published", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("WRONG", StringComparison.Ordinal) && l.Contains($"TXT {rsa.Selector}._domainkey.second.test: publishes a different key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OK", StringComparison.Ordinal) && l.Contains($"TXT {ed.Selector}._domainkey.second.test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OK", StringComparison.Ordinal) && l.Contains("MX second.test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OPTIONAL", StringComparison.Ordinal) && l.Contains("_mta-sts.second.test", StringComparison.Ordinal));
        Assert.Contains("2 record(s) to fix.", english, StringComparison.Ordinal);

        var (_, japanese) = await fixture.CliAsync("domain", "check", "second.test", "--hostname", "mx.example.test", "--dns-servers", fixture.Dns.Endpoint, "--lang", "ja");
        output.WriteLine(japanese);
        Assert.Contains("未設定", japanese, StringComparison.Ordinal);
        Assert.Contains("TXT _dmarc.second.test: 公開されていません", japanese, StringComparison.Ordinal);
        Assert.Contains($"誤り     TXT {rsa.Selector}._domainkey.second.test: このサーバーが署名に使う鍵と異なる鍵", japanese, StringComparison.Ordinal);
        Assert.Contains("修正が必要なレコード: 2 件", japanese, StringComparison.Ordinal);

        // Fixed: DMARC published, the right RSA key in place → nothing left to fix, exit 0.
        fixture.Dns.Zone("second.test").Txt("_dmarc", "v=DMARC1; p=reject")
            .SetTxt($"{rsa.Selector}._domainkey", DkimKeyMaterial.Record(rsa.Algorithm, rsa.PrivateKeyPem));
        await fixture.Dns.ReloadAsync();
        var (fixedCode, fixedText) = await fixture.CliAsync("domain", "check", "second.test", "--hostname", "mx.example.test", "--dns-servers", fixture.Dns.Endpoint, "--lang", "en");
        Assert.True(fixedCode == 0, fixedText);
        Assert.Contains("Everything needed is published.", fixedText, StringComparison.Ordinal);
    }
}
