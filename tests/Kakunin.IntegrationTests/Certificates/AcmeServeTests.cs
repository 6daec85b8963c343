using System.Security.Cryptography.X509Certificates;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Certificates;

/// <summary>
/// A real <c>kakunin serve --acme</c> against Pebble on loopback: the certificate is obtained by HTTP-01 (Pebble
/// fetches from the web port) or TLS-ALPN-01 (Pebble handshakes on --acme-tls-alpn-port), then presented on STARTTLS
/// and implicit TLS, verified by openssl and SslStream against Pebble's issuing root alone.
/// </summary>
public sealed class AcmeServeTests
{
    private const string Host = "mx.example.test";

    [Fact]
    public async Task Http01_certificate_is_presented_on_STARTTLS_and_implicit_TLS_and_kept_when_the_authority_goes_away()
    {
        int[] ports = [KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort(), KakuninProcess.FreePort()];
        await using var pebble = await Pebble.StartAsync(httpPort: ports[3], tlsPort: KakuninProcess.FreePort());
        // Renewal always due (fraction 0): the server keeps renewing, so stopping Pebble makes the next renewal fail.
        await using var server = await KakuninProcess.StartAsync(
            ports: ports,
            extraArgs: ["--acme", "--acme-directory", pebble.DirectoryUrl, "--acme-email", "postmaster@example.test"],
            environment: new Dictionary<string, string>
            {
                ["KAKUNIN__ACME__TRUSTEDROOTSFILE"] = pebble.TrustedRootsFile,
                ["KAKUNIN__ACME__RENEWATFRACTIONOFLIFETIME"] = "0",
                ["KAKUNIN__ACME__RETRYDELAY"] = "00:00:01",
            });
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains($"ACME: certificate for {Host} obtained from {pebble.DirectoryUrl}", StringComparison.Ordinal)), "a certificate from Pebble");
        Assert.Contains($"ACME: {Host} validated by http-01", server.Log, StringComparison.Ordinal);
        var root = await pebble.IssuingRootAsync();
        var rootFile = Path.Combine(server.DataDirectory, "pebble-root.pem");
        File.WriteAllText(rootFile, root.ExportCertificatePem());

        var implicitTls = await TlsProbe.UntilAsync(() => TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, root), p => p.Verified, "Pebble's certificate on implicit TLS", () => server.Log);
        Assert.StartsWith("CN=Pebble Intermediate", implicitTls.Leaf.Issuer, StringComparison.Ordinal);
        var (exit, output) = await TlsProbe.OpenSslStartTlsAsync(server.SubmissionPort, Host, rootFile);
        Assert.True(exit == 0, output);
        Assert.Contains("Verification: OK", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "acme", "certificates", Host + ".crt")));
        Assert.Single(Directory.GetFiles(Path.Combine(server.DataDirectory, "acme", "accounts"), "account-key.pem", SearchOption.AllDirectories));

        // The authority goes away: renewal fails with a line naming its URL, and the last certificate is still served.
        await pebble.StopAsync();
        await server.WaitForAsync(
            () => Task.FromResult(server.Log.Contains($"ACME: getting a certificate for {Host} failed: ACME server {pebble.DirectoryUrl} could not be reached", StringComparison.Ordinal)),
            "the renewal failure");
        var kept = await TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, root);
        Assert.True(kept.Verified, kept.Errors);
        (exit, output) = await TlsProbe.OpenSslStartTlsAsync(server.SubmissionPort, Host, rootFile);
        Assert.True(exit == 0, output);
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/health"))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task TlsAlpn01_certificate_is_obtained_on_the_acme_tls_alpn_port_and_presented_on_SMTP_and_HTTPS()
    {
        var alpnPort = KakuninProcess.FreePort();
        var httpsPort = KakuninProcess.FreePort();
        await using var pebble = await Pebble.StartAsync(httpPort: KakuninProcess.FreePort(), tlsPort: alpnPort);
        await using var server = await KakuninProcess.StartAsync(
            extraArgs: ["--acme", "--acme-directory", pebble.DirectoryUrl, "--acme-challenge", "tls-alpn-01", "--acme-tls-alpn-port", alpnPort.ToString(), "--https-port", httpsPort.ToString()],
            environment: new Dictionary<string, string> { ["KAKUNIN__ACME__TRUSTEDROOTSFILE"] = pebble.TrustedRootsFile });
        await server.WaitForAsync(() => Task.FromResult(server.Log.Contains($"ACME: certificate for {Host} obtained", StringComparison.Ordinal)), "a certificate from Pebble");
        Assert.Contains($"ACME: {Host} validated by tls-alpn-01", server.Log, StringComparison.Ordinal);
        var root = await pebble.IssuingRootAsync();

        var presented = await TlsProbe.UntilAsync(() => TlsProbe.ImplicitTlsAsync(server.SubmissionTlsPort, Host, root), p => p.Verified, "Pebble's certificate", () => server.Log);

        Assert.Equal([Host], presented.Leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
        Assert.Contains($"certificate for {Host} in", server.Log, StringComparison.Ordinal);

        // The HTTPS webmail presents the same certificate with its chain: a real HTTPS request that trusts only
        // Pebble's root, to the host name (connected to loopback), gets the sign-in page.
        using var https = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, httpsPort, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions =
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { root },
                    RevocationMode = X509RevocationMode.NoCheck,
                    DisableCertificateDownloads = true,
                },
            },
        });
        using var page = await https.GetAsync(new Uri($"https://{Host}:{httpsPort}/login"));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var overHttps = await TlsProbe.ImplicitTlsAsync(httpsPort, Host, root);
        Assert.True(overHttps.Verified, overHttps.Errors);
        Assert.Equal(presented.Leaf.Thumbprint, overHttps.Leaf.Thumbprint);
    }
}
