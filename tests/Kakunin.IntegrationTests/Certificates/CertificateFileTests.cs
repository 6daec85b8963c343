using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Certificates;

/// <summary>
/// A real <c>kakunin serve</c> and PEM files dropped into its data folder's <c>certificates</c> folder, as a certbot
/// deploy hook would: served on STARTTLS and implicit TLS by SNI, replaced without a restart, a bad pair refused.
/// </summary>
public sealed class CertificateFileTests
{
    private const string Host = "mx.example.test";

    [Fact]
    public async Task Pem_files_are_served_by_SNI_replaced_without_restart_and_a_bad_pair_is_refused()
    {
        using var authority = new TestCertificateAuthority();
        await using var server = await KakuninProcess.StartAsync();
        var folder = Path.Combine(server.DataDirectory, "certificates");
        var rootFile = Path.Combine(server.DataDirectory, "test-root.pem");
        File.WriteAllText(rootFile, authority.RootPem);

        // Before any file: the self-signed certificate, which the test root does not vouch for.
        var before = await TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, authority.Root);
        Assert.False(before.Verified);

        var (chain, key, first) = authority.Issue([Host], viaIntermediate: true);
        TestCertificateAuthority.WritePair(folder, Host, chain, key);
        var served = await TlsProbe.UntilAsync(() => TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, authority.Root), p => p.Leaf.Thumbprint == first.Thumbprint, "the first certificate", () => server.Log);
        Assert.True(served.Verified, served.Errors);
        var (exit, output) = await TlsProbe.OpenSslStartTlsAsync(server.SubmissionPort, Host, rootFile);
        Assert.True(exit == 0, output);
        Assert.Contains("Verification: OK", output, StringComparison.Ordinal);

        // Replaced on disk: the next connection (after the one-second check) gets the new one, no restart.
        var (chain2, key2, second) = authority.Issue([Host], viaIntermediate: true);
        TestCertificateAuthority.WritePair(folder, Host, chain2, key2);
        await Task.Delay(1500);
        var replaced = await TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, authority.Root);
        Assert.Equal(second.Thumbprint, replaced.Leaf.Thumbprint);
        Assert.True(replaced.Verified, replaced.Errors);

        // Another name beside it is chosen by SNI; the mail host's is still the default.
        var (otherChain, otherKey, other) = authority.Issue(["smtp.other.test"], viaIntermediate: true);
        TestCertificateAuthority.WritePair(folder, "smtp.other.test", otherChain, otherKey);
        await TlsProbe.UntilAsync(() => TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, "smtp.other.test", authority.Root), p => p.Leaf.Thumbprint == other.Thumbprint, "the other name's certificate", () => server.Log);
        Assert.Equal(second.Thumbprint, (await TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, "unknown.example.test", authority.Root)).Leaf.Thumbprint);

        // A key that does not belong to the chain: one log line naming the file and the cause; the old one is served.
        var (chain3, _, _) = authority.Issue([Host], viaIntermediate: true);
        var (_, strangerKey, _) = authority.Issue([Host]);
        TestCertificateAuthority.WritePair(folder, Host, chain3, strangerKey);
        var keyFile = Path.Combine(folder, Host + ".key");
        await server.WaitForAsync(
            () => Task.FromResult(server.Log.Contains($"TLS certificate refused: {keyFile}: the private key does not belong to the certificate in {Path.Combine(folder, Host + ".crt")}; still serving", StringComparison.Ordinal)),
            "the refusal log line");
        var kept = await TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, authority.Root);
        Assert.Equal(second.Thumbprint, kept.Leaf.Thumbprint);
        (exit, output) = await TlsProbe.OpenSslStartTlsAsync(server.SubmissionPort, Host, rootFile);
        Assert.True(exit == 0, output);
    }
}
