using System.Text.RegularExpressions;
using Kakunin.IntegrationTests.Peers;
using MimeKit;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// What leaves Kakunin is DKIM-signed with both algorithms, and a real verifier (OpenDKIM in front of Postfix, keys
/// from NSD) says dkim=pass for each; python3-dkim agrees on the delivered bytes. Kakunin's own DSNs are signed by
/// the domain its host name is in. A key rotation signs new mail with the new selector while old mail still verifies.
/// </summary>
public sealed partial class DkimSigningTests(DkimPeerFixture fixture, ITestOutputHelper output) : IClassFixture<DkimPeerFixture>
{
    private const string Carol = "carol@peer.test";

    [Fact]
    public async Task Mail_to_another_server_carries_rsa_and_ed25519_signatures_that_opendkim_passes()
    {
        var subject = ServerFixture.Unique("signed contract");
        await DsnSmtpClient.SubmitAsync(fixture.Kakunin, ServerFixture.Alice, Carol, subject, null, null);

        var delivered = await fixture.Postfix.WaitForMaildirAsync("carol", m => m.Subject == subject, "carol's signed copy", fixture.Logs);
        var results = Flat(delivered.Headers[HeaderId.AuthenticationResults] ?? string.Empty);
        output.WriteLine(results);
        Assert.StartsWith("mx.peer.test;", results, StringComparison.Ordinal); // OpenDKIM's verdict, not a forged one
        Assert.Matches(@"dkim=pass header\.d=example\.test header\.i=@example\.test header\.a=ed25519-sha256 header\.s=e\d{8}", results);
        Assert.Matches(@"dkim=pass \(2048-bit key[^)]*\) header\.d=example\.test header\.i=@example\.test header\.a=rsa-sha256 header\.s=r\d{8}", results);
        Assert.DoesNotContain("dkim=fail", results, StringComparison.Ordinal);

        // python3-dkim, a second verifier, on the bytes as delivered.
        var file = fixture.Postfix.MaildirFiles("carol").Single(f => MimeMessage.Load(f).Subject == subject);
        var (allPass, lines) = await DkimPy.VerifyAsync(await File.ReadAllBytesAsync(file), fixture.Dns);
        output.WriteLine(string.Join('\n', lines));
        Assert.True(allPass, string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith("pass d=example.test", StringComparison.Ordinal) && l.EndsWith("a=ed25519-sha256", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("pass d=example.test", StringComparison.Ordinal) && l.EndsWith("a=rsa-sha256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kakunins_own_dsn_to_another_server_is_signed_by_the_domain_of_its_host_name()
    {
        // Carol (peer.test, relayed by Postfix from a trusted network) asks for a success DSN; Kakunin delivers
        // locally and sends the DSN from MAILER-DAEMON@mx.example.test back through Postfix, signed d=example.test.
        var envid = "dkim-dsn-" + Guid.NewGuid().ToString("N");
        var (code, text) = await fixture.Postfix.SendAsync("--from", Carol, "--to", ServerFixture.Alice, "--notify", "SUCCESS", "--envid", envid);
        Assert.True(code == 0, text);

        var dsn = await fixture.Postfix.WaitForMaildirAsync("carol",
            m => m.Body is MultipartReport && m.ToString().Contains(envid, StringComparison.Ordinal), "Kakunin's success DSN in carol's Maildir", fixture.Logs);
        Assert.Equal("MAILER-DAEMON@mx.example.test", dsn.From.Mailboxes.Single().Address);
        var results = Flat(dsn.Headers[HeaderId.AuthenticationResults] ?? string.Empty);
        output.WriteLine(results);
        Assert.Contains("dkim=pass header.d=example.test header.i=@example.test header.a=ed25519-sha256", results, StringComparison.Ordinal);
        Assert.Matches(@"dkim=pass \([^)]*\) header\.d=example\.test header\.i=@example\.test header\.a=rsa-sha256", results);
    }

    [Fact]
    public async Task After_a_rotation_new_mail_uses_the_new_selector_and_old_mail_still_verifies()
    {
        var before = ServerFixture.Unique("before rotation");
        await DsnSmtpClient.SubmitAsync(fixture.Kakunin, ServerFixture.Alice, Carol, before, null, null);
        await fixture.Postfix.WaitForMaildirAsync("carol", m => m.Subject == before, "the message signed before", fixture.Logs);
        var oldFile = fixture.Postfix.MaildirFiles("carol").Single(f => MimeMessage.Load(f).Subject == before);
        var oldSelectors = Selectors(await File.ReadAllTextAsync(oldFile));

        // The administrator rotates and publishes the new records; --now: the new keys sign at once.
        var (code, text) = await fixture.CliAsync("domain", "dkim", "rotate", "example.test", "--now");
        output.WriteLine(text);
        Assert.True(code == 0, text);
        await fixture.PublishKakuninKeysAsync();
        var keys = await fixture.KeysAsync("example.test");
        Assert.All(oldSelectors, s => Assert.Equal(Store.Dkim.DkimKeyState.Retired, keys.Single(k => k.Selector == s).State));
        var active = keys.Where(k => k.State == Store.Dkim.DkimKeyState.Active).Select(k => k.Selector).ToHashSet();
        Assert.Equal(2, active.Count);

        // The server re-reads its keys every few seconds: send until a message carries the new selectors.
        string? newFile = null;
        for (var i = 0; i < 20 && newFile is null; i++)
        {
            var after = ServerFixture.Unique("after rotation");
            await DsnSmtpClient.SubmitAsync(fixture.Kakunin, ServerFixture.Alice, Carol, after, null, null);
            await fixture.Postfix.WaitForMaildirAsync("carol", m => m.Subject == after, "a message signed after", fixture.Logs);
            var file = fixture.Postfix.MaildirFiles("carol").Single(f => MimeMessage.Load(f).Subject == after);
            if (Selectors(await File.ReadAllTextAsync(file)).SetEquals(active))
            {
                newFile = file;
            }
            else
            {
                await Task.Delay(1000);
            }
        }

        Assert.NotNull(newFile);
        var newResults = Flat(MimeMessage.Load(newFile).Headers[HeaderId.AuthenticationResults] ?? string.Empty);
        Assert.Equal(2, Regex.Count(newResults, "dkim=pass"));

        // The old selectors are still published (retired, not removed): the old message verifies today.
        var (oldPass, oldLines) = await DkimPy.VerifyAsync(await File.ReadAllBytesAsync(oldFile), fixture.Dns);
        output.WriteLine(string.Join('\n', oldLines));
        Assert.True(oldPass, string.Join('\n', oldLines));
        Assert.All(oldSelectors, s => Assert.Contains(oldLines, l => l.Contains($"s={s} ", StringComparison.Ordinal)));
    }

    /// <summary>The s= tags of the DKIM-Signature fields in the header of <paramref name="message"/>.</summary>
    private static HashSet<string> Selectors(string message)
    {
        var end = message.Replace("\r\n", "\n", StringComparison.Ordinal).IndexOf("\n\n", StringComparison.Ordinal);
        var header = message.Replace("\r\n", "\n", StringComparison.Ordinal)[..(end > 0 ? end : message.Length)];
        return [.. SelectorTag().Matches(header).Select(m => m.Groups[1].Value)];
    }

    private static string Flat(string header) => string.Join(' ', header.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"DKIM-Signature:[^\n]*(?:\n[ \t][^\n]*)*?\bs=([A-Za-z0-9-]+);", RegexOptions.IgnoreCase)]
    private static partial Regex SelectorTag();
}
