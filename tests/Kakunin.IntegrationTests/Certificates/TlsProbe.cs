using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Kakunin.IntegrationTests.Certificates;

/// <summary>
/// Real TLS clients against the running server: .NET SslStream on the implicit-TLS port, and <c>openssl s_client
/// -starttls smtp</c> on the submission port. Both trust only the given root, and neither fetches intermediates, so a
/// chain verifies only when the server sent its intermediate.
/// </summary>
internal static class TlsProbe
{
    /// <summary>What a handshake showed: the leaf, and whether the chain verified to the root for the name.</summary>
    public sealed record Presented(X509Certificate2 Leaf, bool Verified, string Errors);

    /// <summary>Implicit TLS (RFC 8314) with SNI <paramref name="serverName"/>.</summary>
    public static async Task<Presented> ImplicitTlsAsync(int port, string serverName, X509Certificate2 root)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        X509Certificate2? leaf = null;
        var errors = SslPolicyErrors.None;
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { root },
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            },
            RemoteCertificateValidationCallback = (_, certificate, _, policyErrors) =>
            {
                leaf = certificate is null ? null : new X509Certificate2(certificate);
                errors = policyErrors;
                return true;
            },
        });
        return new Presented(leaf!, errors == SslPolicyErrors.None, errors.ToString());
    }

    /// <summary>
    /// STARTTLS (RFC 3207) by <c>openssl s_client</c>, verifying to <paramref name="rootFile"/> for
    /// <paramref name="serverName"/>; returns its exit code and what it printed (with -showcerts).
    /// </summary>
    public static Task<(int ExitCode, string Output)> OpenSslStartTlsAsync(int port, string serverName, string rootFile) =>
        ExternalClient.RunAsync("openssl", [
            "s_client", "-starttls", "smtp", "-connect", $"127.0.0.1:{port}", "-servername", serverName,
            "-CAfile", rootFile, "-verify_hostname", serverName, "-verify_return_error", "-showcerts", "-brief",
        ], input: "QUIT\r\n");

    /// <summary>Retries <paramref name="probe"/> until <paramref name="accept"/> holds, for at most <paramref name="seconds"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, Func<string> log, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T last;
        do
        {
            last = await probe();
            if (accept(last))
            {
                return last;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"timed out waiting for {what}; last: {last}\n--- server log ---\n{log()}");
        return last;
    }
}
