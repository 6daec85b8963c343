using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Kakunin.Certificates.Acme;
using Kakunin.Certificates.Store;
using Kakunin.Certificates.Tls;
using Kakunin.IntegrationTests.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Certificates.Tests;

/// <summary>
/// The ACME client against Pebble, with the challenge answered by a Kestrel host this test starts on loopback: HTTP-01
/// from the endpoint on a plain HTTP listener, TLS-ALPN-01 from an HTTPS listener configured by
/// <see cref="CertificateTlsListenOptions.UseKakuninCertificates"/> (the hook the HTTPS webmail listener takes).
/// </summary>
public sealed class AcmePebbleTests
{
    private const string Name = "acme.example.test";

    [Fact]
    public async Task Http01_gets_a_certificate_that_verifies_to_Pebbles_root()
    {
        await using var host = await ChallengeHost.StartAsync();
        await using var pebble = await Pebble.StartAsync(host.HttpPort, host.HttpsPort);
        var issued = await IssueAsync(pebble, host, AcmeChallengeTypes.Http01);

        await AssertIssuedAsync(pebble, issued);
    }

    [Fact]
    public async Task TlsAlpn01_is_answered_on_an_https_listener_that_serves_the_store_otherwise()
    {
        await using var host = await ChallengeHost.StartAsync();
        await using var pebble = await Pebble.StartAsync(host.HttpPort, host.HttpsPort);
        var issued = await IssueAsync(pebble, host, AcmeChallengeTypes.TlsAlpn01);

        await AssertIssuedAsync(pebble, issued);
        // The same HTTPS port still serves an ordinary HTTPS request with the store's certificate.
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        Assert.Equal("hello", await http.GetStringAsync(new Uri($"https://127.0.0.1:{host.HttpsPort}/")));
    }

    [Fact]
    public async Task A_directory_that_does_not_answer_is_an_error_naming_the_url()
    {
        var port = Pebble.FreePort();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var key = AcmeAccountKey.CreateEphemeral();
        var url = new Uri($"https://127.0.0.1:{port}/dir");

        var error = await Assert.ThrowsAsync<AcmeException>(() => AcmeClient.ConnectAsync(http, url, key, TestContext.Current.CancellationToken));

        Assert.Contains(url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_accepts_but_never_answers_times_out_naming_the_url()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/dir");
        using var http = AcmeHttp.Create(new AcmeOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        using var key = AcmeAccountKey.CreateEphemeral();

        var error = await Assert.ThrowsAsync<AcmeException>(() => AcmeClient.ConnectAsync(http, url, key, TestContext.Current.CancellationToken));

        Assert.Equal($"ACME server {url} did not answer within 1 s", error.Message);
    }

    [Fact]
    public async Task A_challenge_nobody_answers_fails_with_pebbles_reason()
    {
        await using var host = await ChallengeHost.StartAsync();
        // Pebble validates HTTP-01 on a port where nothing listens.
        await using var pebble = await Pebble.StartAsync(Pebble.FreePort(), host.HttpsPort);

        var error = await Assert.ThrowsAsync<AcmeException>(() => IssueAsync(pebble, host, AcmeChallengeTypes.Http01));

        Assert.Contains("http-01 validation of acme.example.test failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("urn:ietf:params:acme:error:connection", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IssuedCertificate> IssueAsync(Pebble pebble, ChallengeHost host, string challenge)
    {
        var options = new AcmeOptions { DirectoryUrl = pebble.DirectoryUrl, TrustedRootsFile = pebble.TrustedRootsFile };
        using var http = AcmeHttp.Create(options);
        using var key = AcmeAccountKey.CreateEphemeral();
        var client = await AcmeClient.ConnectAsync(http, new Uri(pebble.DirectoryUrl), key, TestContext.Current.CancellationToken);
        await client.RegisterAsync("postmaster@example.test", TestContext.Current.CancellationToken);
        var issuer = new AcmeIssuer(client, key, host.Http01, host.TlsAlpn01, TimeProvider.System, NullLogger.Instance);
        return await issuer.IssueAsync([Name], challenge, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
    }

    private static async Task AssertIssuedAsync(Pebble pebble, IssuedCertificate issued)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(issued.ChainPem);
        Assert.True(chain.Count >= 2, "the chain has the leaf and Pebble's intermediate");
        Assert.Equal([Name], PemCertificateLoader.NamesOf(chain[0]));
        Assert.True(Pebble.Verifies(await pebble.IssuingRootAsync(), chain[0], chain.Skip(1)), "the leaf verifies to Pebble's issuing root");
        using var withKey = X509Certificate2.CreateFromPem(issued.ChainPem, issued.KeyPem);
        Assert.True(withKey.HasPrivateKey);
    }

    /// <summary>A Kestrel host on loopback: HTTP with the HTTP-01 endpoint, HTTPS with the TLS-ALPN-01 hook.</summary>
    private sealed class ChallengeHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _directory;

        private ChallengeHost(WebApplication app, string directory, int httpPort, int httpsPort)
        {
            _app = app;
            _directory = directory;
            HttpPort = httpPort;
            HttpsPort = httpsPort;
        }

        public int HttpPort { get; }

        public int HttpsPort { get; }

        public Http01ChallengeResponder Http01 => _app.Services.GetRequiredService<Http01ChallengeResponder>();

        public TlsAlpn01ChallengeResponder TlsAlpn01 => _app.Services.GetRequiredService<TlsAlpn01ChallengeResponder>();

        public static async Task<ChallengeHost> StartAsync()
        {
            var directory = Directory.CreateTempSubdirectory("kakunin-acme-host-").FullName;
            var (httpPort, httpsPort) = (Pebble.FreePort(), Pebble.FreePort());
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            using var authority = new TestCertificateAuthority();
            var (chain, key, _) = authority.Issue(["www.example.test"]);
            TestCertificateAuthority.WritePair(directory, "www.example.test", chain, key);
            builder.Services.AddSingleton(new CertificateStore(new CertificateStoreSettings { Directories = [directory] }, TimeProvider.System, NullLogger<CertificateStore>.Instance));
            builder.Services.AddSingleton<Http01ChallengeResponder>();
            builder.Services.AddSingleton<TlsAlpn01ChallengeResponder>();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, httpPort);
                kestrel.Listen(IPAddress.Loopback, httpsPort, l => l.UseKakuninCertificates());
            });
            var app = builder.Build();
            app.Services.GetRequiredService<CertificateStore>().Start();
            app.MapAcmeHttpChallenge();
            app.MapGet("/", () => "hello");
            await app.StartAsync();
            return new ChallengeHost(app, directory, httpPort, httpsPort);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
