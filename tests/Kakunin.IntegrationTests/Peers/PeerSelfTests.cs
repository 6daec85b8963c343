using System.Text;
using MimeKit;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>
/// The peers themselves, before Kakunin is put between them: NSD serves long TXT records in 255-octet strings and
/// picks up changes; OpenDKIM in front of Postfix verifies python3-dkim's rsa-sha256 and ed25519-sha256 signatures
/// through that DNS and signs the DSNs Postfix writes, which python3-dkim verifies in turn.
/// </summary>
public sealed class PeerSelfTests
{
    [Fact]
    public async Task Nsd_serves_a_long_txt_record_in_pieces_and_serves_changes_after_reload()
    {
        var long1 = "v=DKIM1; k=rsa; p=" + new string('A', 600);
        await using var dns = await AuthoritativeDns.StartAsync(new DnsZone("example.test").Txt("s1._domainkey", long1).Mx("@", 10, "mx.example.test").A("mx"));

        Assert.Equal([long1], await dns.TxtAsync("s1._domainkey.example.test"));

        dns.Zone("example.test").SetTxt("s1._domainkey", "v=DKIM1; k=ed25519; p=new").Txt("_dmarc", "v=DMARC1; p=reject");
        await dns.ReloadAsync();

        Assert.Equal(["v=DKIM1; k=ed25519; p=new"], await dns.TxtAsync("s1._domainkey.example.test"));
        Assert.Equal(["v=DMARC1; p=reject"], await dns.TxtAsync("_dmarc.example.test"));
    }

    [Fact]
    public async Task Opendkim_verifies_rsa_and_ed25519_signatures_and_signs_postfix_dsns()
    {
        var keys = Directory.CreateTempSubdirectory("kakunin-keys-").FullName;
        var rsaKey = Path.Combine(keys, "rsa.pem");
        var (code, text) = await ExternalClient.RunAsync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsaKey]);
        Assert.True(code == 0, text);
        var (_, der) = await ExternalClient.RunAsync("/bin/sh", ["-c", $"openssl pkey -in \"{rsaKey}\" -pubout -outform DER | base64 -w0"]);
        var edKey = Path.Combine(keys, "ed.key");
        var edRecord = await DkimPy.NewEd25519KeyAsync(edKey);

        await using var dns = await AuthoritativeDns.StartAsync(
            new DnsZone("example.test").Txt("rsa._domainkey", "v=DKIM1; k=rsa; p=" + der.Trim()).Txt("ed._domainkey", edRecord),
            new DnsZone("peer.test"));
        var port = KakuninProcess.FreePort();
        await using var postfix = await PostfixPeer.StartAsync(port, "peer.test", "--opendkim", dns.Endpoint);
        dns.Zone("peer.test").Txt("peer._domainkey", postfix.DkimRecord());
        await dns.ReloadAsync();

        var subject = ServerFixture.Unique("signed by dkimpy");
        var message = Encoding.ASCII.GetBytes(
            $"From: Carol <carol@example.test>\r\nTo: alice@peer.test\r\nSubject: {subject}\r\nDate: {DateTimeOffset.UtcNow:R}\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nHello.\r\n");
        var signed = await DkimPy.SignAsync(await DkimPy.SignAsync(message, "example.test", "rsa", rsaKey, "rsa-sha256"), "example.test", "ed", edKey, "ed25519-sha256");

        await using (var smtp = await RawSmtpConnection.OpenAsync(port))
        {
            await smtp.CommandAsync("EHLO client.example.test");
            await smtp.CommandAsync("MAIL FROM:<bob@peer.test>");
            Assert.StartsWith("250", await smtp.CommandAsync("RCPT TO:<alice@peer.test> NOTIFY=SUCCESS"), StringComparison.Ordinal);
            Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
            await smtp.SendAsync(signed);
            Assert.StartsWith("250", await smtp.CommandAsync("."), StringComparison.Ordinal);
        }

        var delivered = await postfix.WaitForMaildirAsync("alice", m => m.Subject == subject, "the signed message", () => dns.Log);
        var results = delivered.Headers[HeaderId.AuthenticationResults] ?? string.Empty;
        Assert.StartsWith("mx.peer.test;", results.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("dkim=pass header.d=example.test header.i=@example.test header.a=ed25519-sha256 header.s=ed", Flat(results), StringComparison.Ordinal);
        Assert.Contains("header.a=rsa-sha256 header.s=rsa", Flat(results), StringComparison.Ordinal);
        Assert.Equal(2, CountPass(results));

        // The success DSN to bob@peer.test: written by Postfix's bounce daemon, signed by OpenDKIM with d=peer.test.
        await postfix.WaitForMaildirAsync("bob", m => m.Headers.Contains(HeaderId.DkimSignature), "the signed success DSN");
        var (allPass, lines) = await DkimPy.VerifyAsync(await File.ReadAllBytesAsync(Assert.Single(postfix.MaildirFiles("bob"))), dns);
        Assert.True(allPass, string.Join('\n', lines));
        Assert.StartsWith("pass d=peer.test s=peer a=rsa-sha256", lines[0], StringComparison.Ordinal);
        Directory.Delete(keys, recursive: true);
    }

    private static string Flat(string header) => string.Join(' ', header.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static int CountPass(string header) => Flat(header).Split("dkim=pass").Length - 1;
}
