using System.Net;
using System.Security.Cryptography;
using System.Text;
using Kakunin.Authentication.Dkim;
using Kakunin.Authentication.Dmarc;

namespace Kakunin.Authentication.Tests.CrossCheck;

/// <summary>
/// ARC chains sealed by a real implementation (Debian's python3-dkim, arc_sign) and validated by ours (MimeKit's
/// ArcVerifier behind <see cref="ArcChecker"/>, RFC 8617 §5.2), with dkimpy's arc_verify on the same bytes as a second
/// opinion. A mailing list seals (i=1, cv=none), a relay seals again (i=2, cv=pass); then the chain is broken in the
/// ways RFC 8617 says must fail: content changed after the last seal (its ARC-Message-Signature), a seal edited (its
/// ARC-Seal), a sealer's key not published.
/// </summary>
public class ArcCrossCheckTests
{
    private const string List = "lists.example.test";
    private const string Relay = "relay.example.test";

    [Fact]
    public async Task Chains_sealed_by_dkimpy_pass_and_broken_ones_fail_as_dkimpy_says()
    {
        using var rsa = RSA.Create(2048);
        var folder = Directory.CreateTempSubdirectory("kakunin-arc-").FullName;
        try
        {
            string File(string name) => Path.Combine(folder, name);
            var key = File("arc.key");
            await System.IO.File.WriteAllTextAsync(key, rsa.ExportRSAPrivateKeyPem()); // PKCS#1, what dkimpy reads
            var record = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
            var zone = new TestZone().Txt($"arc1._domainkey.{List}", record).Txt($"arc2._domainkey.{Relay}", record);
            zone.Failing.Add($"down._domainkey.{Relay}");

            await System.IO.File.WriteAllBytesAsync(File("original.eml"), Encoding.ASCII.GetBytes(
                "From: Alice <alice@example.test>\r\nTo: team@lists.example.test\r\nSubject: Minutes\r\n" +
                "Date: Tue, 02 Jan 2029 03:04:05 +0000\r\nMessage-ID: <m1@example.test>\r\n\r\nThe minutes are attached.\r\n"));
            // What each sealer found on arrival, in its own Authentication-Results; arc_sign takes cv= from its arc= (RFC 8617 §4.1.3).
            var listSaw = $"Authentication-Results: {List}; dkim=none; spf=pass smtp.mailfrom=example.test\r\n";
            var relaySaw = $"Authentication-Results: {Relay}; arc=pass smtp.remote-ip=192.0.2.7\r\n";
            object Seal(string input, string output, string prepend, string domain, string selector) =>
                new { @in = File(input), @out = File(output), prepend, domain, selector, key, srv_id = domain };
            await PythonPeer.RunAsync(new
            {
                zone = ZoneJson(zone),
                arc_seal = new[]
                {
                    Seal("original.eml", "one-hop.eml", listSaw, List, "arc1"),
                    Seal("one-hop.eml", "two-hops.eml", relaySaw, Relay, "arc2"),
                    Seal("one-hop.eml", "key-unpublished.eml", relaySaw, Relay, "missing"),
                    Seal("one-hop.eml", "dns-down.eml", relaySaw, Relay, "down"),
                },
            });
            var twoHops = await System.IO.File.ReadAllTextAsync(File("two-hops.eml"));
            Assert.Contains("ARC-Seal: i=2;", twoHops, StringComparison.Ordinal);
            Assert.Contains("cv=pass", twoHops, StringComparison.Ordinal);
            await System.IO.File.WriteAllTextAsync(File("body-changed.eml"), twoHops.Replace("minutes are attached", "minutes are ATTACHED", StringComparison.Ordinal));
            // i=1 claims cv=pass where RFC 8617 §4.1.3 wants none: the ARC-Seal's signature no longer covers what it says.
            var oneHop = await System.IO.File.ReadAllTextAsync(File("one-hop.eml"));
            Assert.Contains("cv=none", oneHop, StringComparison.Ordinal);
            await System.IO.File.WriteAllTextAsync(File("seal-edited.eml"), ReplaceFirst(oneHop, "cv=none", "cv=pass"));

            var expected = new Dictionary<string, AuthResult>
            {
                ["original"] = AuthResult.None, // no ARC set: nothing to validate
                ["one-hop"] = AuthResult.Pass,
                ["two-hops"] = AuthResult.Pass,
                ["body-changed"] = AuthResult.Fail, // RFC 8617 §5.2 step 5: the newest AMS must validate
                ["seal-edited"] = AuthResult.Fail, // §5.2 step 6: every AS must validate
                ["key-unpublished"] = AuthResult.Fail,
                ["dns-down"] = AuthResult.TempError, // the key could not be fetched: try again later, not a verdict
            };
            var python = await PythonPeer.RunAsync(new
            {
                zone = ZoneJson(zone),
                arc = expected.Keys.Select(id => new { id, file = File(id + ".eml") }),
            });

            var checker = new ArcChecker(new DnsDkimKeyLocator(zone));
            foreach (var (id, want) in expected)
            {
                var ours = await checker.VerifyAsync(LoadMessage(File(id + ".eml")), CancellationToken.None);
                Assert.True(want == ours, $"{id}: ours {ours}, expected {want}");
                if (want != AuthResult.TempError) // dkimpy has no temperror for ARC: it raises on a DNS timeout
                {
                    Assert.True(want.Word() == python[id], $"{id}: ours {ours.Word()}, dkimpy {python[id]}");
                }
            }

            // The whole inbound path: the verdict stamped on a message carries arc=pass (RFC 8617 §4.2.1, RFC 8601).
            var authenticator = new MessageAuthenticator("mx.example.test", zone, PublicSuffixList.BuiltIn);
            await using var content = System.IO.File.OpenRead(File("two-hops.eml"));
            var verdict = await authenticator.AuthenticateAsync(new AuthenticationRequest(IPAddress.Parse("192.0.2.7"), "relay.example.test", "team-bounces@lists.example.test", null), content, CancellationToken.None);
            Assert.Equal(AuthResult.Pass, verdict.Authentication.Arc);
            Assert.Contains("arc=pass", verdict.Authentication.ToHeaderValue(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static System.Text.Json.JsonElement ZoneJson(TestZone zone) => System.Text.Json.JsonDocument.Parse(zone.ToJson()).RootElement;

    private static MimeKit.MimeMessage LoadMessage(string file) => MimeKit.MimeMessage.Load(file);

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
