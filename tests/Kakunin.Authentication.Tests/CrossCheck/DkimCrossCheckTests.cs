using System.Text;
using Kakunin.Authentication.Dkim;
using Kakunin.Authentication.Tests.Dkim;

namespace Kakunin.Authentication.Tests.CrossCheck;

/// <summary>
/// Our DKIM verification (MimeKit behind our key locator) and Debian's dkimpy on the same messages and key records:
/// both must agree on which signatures pass. dkimpy only says true or false, so the finer words (fail, permerror,
/// temperror) are checked in <see cref="DkimCheckerTests"/>.
/// </summary>
public class DkimCrossCheckTests
{
    [Fact]
    public async Task Our_DKIM_results_match_dkimpy()
    {
        var zone = new TestZone();
        var rsa = new TestSigner();
        var ed = new TestSigner(ed25519: true);
        zone.Txt("rsa._domainkey.example.test", rsa.KeyRecord).Txt("ed._domainkey.example.test", ed.KeyRecord)
            .Txt("revoked._domainkey.example.test", "v=DKIM1; k=rsa; p=")
            .Txt("wrongtype._domainkey.example.test", "v=DKIM1; k=ed25519; p=" + rsa.KeyRecord.Split("p=")[1]);
        zone.Failing.Add("down._domainkey.example.test");

        var messages = new Dictionary<string, byte[]>();
        foreach (var (name, signer) in new[] { ("rsa", rsa), ("ed", ed) })
        {
            foreach (var relaxed in new[] { true, false })
            {
                var c = relaxed ? "relaxed" : "simple";
                var signed = signer.Sign(TestSigner.Message(), selector: name, relaxed: relaxed);
                messages[$"{name}/{c}/intact"] = signed;
                messages[$"{name}/{c}/long"] = signer.Sign(TestSigner.Message(padTo: 32 * 1024), selector: name, relaxed: relaxed);
                messages[$"{name}/{c}/body-changed"] = Replace(signed, "attached", "ATTACHED");
                messages[$"{name}/{c}/subject-changed"] = Replace(signed, "Subject: Contract", "Subject: Contract!");
                // Whitespace added inside a header: relaxed canonicalization forgives it, simple does not (RFC 6376 §3.4).
                messages[$"{name}/{c}/subject-spaced"] = Replace(signed, "Subject: Contract", "Subject:  Contract");
                messages[$"{name}/{c}/trailing-blank-lines"] = [.. signed, .. "\r\n\r\n"u8.ToArray()];
                messages[$"{name}/{c}/no-key"] = signer.Sign(TestSigner.Message(), selector: "missing", relaxed: relaxed);
                messages[$"{name}/{c}/dns-down"] = signer.Sign(TestSigner.Message(), selector: "down", relaxed: relaxed);
            }
        }
        messages["rsa/revoked"] = rsa.Sign(TestSigner.Message(), selector: "revoked");
        messages["rsa/key-type-mismatch"] = rsa.Sign(TestSigner.Message(), selector: "wrongtype");
        messages["malformed/no-b"] = Header("DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=AAAA; b=");
        messages["malformed/bad-base64"] = Header("DKIM-Signature: v=1; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=%%%; b=%%%");
        messages["malformed/no-tags"] = Header("DKIM-Signature: garbage");
        messages["malformed/unknown-algorithm"] = Header("DKIM-Signature: v=1; a=rsa-md5; d=example.test; s=rsa; h=from; bh=AAAA; b=AAAA");

        var folder = Directory.CreateTempSubdirectory("kakunin-dkim-crosscheck-");
        try
        {
            var files = messages.ToDictionary(m => m.Key, m => Path.Combine(folder.FullName, m.Key.Replace('/', '_') + ".eml"));
            foreach (var (id, bytes) in messages) await File.WriteAllBytesAsync(files[id], bytes);
            var python = await PythonPeer.RunAsync(new
            {
                zone = System.Text.Json.JsonDocument.Parse(zone.ToJson()).RootElement,
                dkim = files.Select(f => new { id = f.Key, file = f.Value }),
            });

            var checker = new DkimChecker(zone);
            var differences = new List<string>();
            var passes = 0;
            foreach (var (id, bytes) in messages)
            {
                var ours = Assert.Single(await checker.VerifyAsync(TestSigner.Load(bytes), CancellationToken.None)).Result;
                var oursWord = ours == AuthResult.Pass ? "pass" : "not-pass";
                passes += ours == AuthResult.Pass ? 1 : 0;
                if (oursWord != python[id]) differences.Add($"{id}: ours {ours.Word()}, dkimpy {python[id]}");
            }

            Assert.True(differences.Count == 0, string.Join('\n', differences));
            Assert.InRange(passes, 8, messages.Count - 10); // both pass and not-pass cases were compared
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[] Replace(byte[] message, string from, string to) =>
        Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(message).Replace(from, to, StringComparison.Ordinal));

    private static byte[] Header(string signature) =>
        Encoding.ASCII.GetBytes(signature + "\r\nFrom: alice@example.test\r\nSubject: x\r\n\r\nbody\r\n");
}
