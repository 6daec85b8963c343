using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kakunin.Protocol;
using Kakunin.Smtp.Client;
using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Tests.Client;

/// <summary>Builds transports and messages for the client tests: short timeouts, loopback only.</summary>
internal static class ClientHarness
{
    public static readonly SmtpClientTimeouts Fast = new()
    {
        Connect = TimeSpan.FromSeconds(5),
        Greeting = TimeSpan.FromSeconds(5),
        Command = TimeSpan.FromSeconds(5),
        Mail = TimeSpan.FromSeconds(5),
        Rcpt = TimeSpan.FromSeconds(5),
        DataInitiation = TimeSpan.FromSeconds(5),
        DataBlock = TimeSpan.FromSeconds(5),
        DataTermination = TimeSpan.FromSeconds(5),
        Quit = TimeSpan.FromSeconds(2),
    };

    public static SmtpOutboundTransport Transport(IReadOnlyDictionary<string, int> ports, IReadOnlyList<string> mxHosts, SmtpClientTimeouts? timeouts = null) =>
        Transport(new LoopbackDialer(ports), new FakeMxResolver(MxResolution.Found(mxHosts)), timeouts);

    public static SmtpOutboundTransport Transport(ISmtpDialer dialer, IMxResolver resolver, SmtpClientTimeouts? timeouts = null) =>
        new(new SmtpOutboundOptions { HeloName = "client.example", Port = 2525, Timeouts = timeouts ?? Fast }, dialer, resolver, TimeProvider.System);

    /// <summary>One peer as the only MX host "mx1.example.com".</summary>
    public static SmtpOutboundTransport For(ScriptedSmtpPeer peer, SmtpClientTimeouts? timeouts = null) =>
        Transport(new Dictionary<string, int> { ["mx1.example.com"] = peer.Port }, ["mx1.example.com"], timeouts);

    public static OutboundMessage Message(string content, params OutboundRecipient[] recipients) =>
        Message(content, null, null, recipients);

    public static OutboundMessage Message(string content, string? envelopeId, DsnReturn? ret, params OutboundRecipient[] recipients)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new OutboundMessage(
            "example.com",
            "a@example.jp",
            recipients,
            _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes, writable: false)),
            envelopeId,
            ret);
    }

    public static OutboundRecipient To(string address) => new(address);

    public static X509Certificate2 SelfSignedCertificate(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-import so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A peer script that greets as <paramref name="host"/> (announcing DSN) and accepts a@example.jp → b@example.com.</summary>
    public static Func<PeerConnection, Task> Accepting(string host) => async c =>
    {
        await c.GreetAsync(host, "DSN");
        await c.ExpectAsync("MAIL FROM:<a@example.jp>");
        await c.ReplyAsync("250 ok");
        await c.ExpectAsync("RCPT TO:<b@example.com>");
        await c.ReplyAsync("250 ok");
        await c.AcceptDataAsync();
    };

    public const string SimpleContent = "Subject: hi\r\n\r\nhello\r\n";
}
