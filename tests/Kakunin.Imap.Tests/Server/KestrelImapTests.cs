using System.Net;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Server;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Kakunin.Smtp.Tests.Server;

namespace Kakunin.Imap.Tests.Server;

/// <summary>The server in Kestrel on loopback, driven by MailKit's ImapClient over STARTTLS and implicit TLS.</summary>
public sealed class KestrelImapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(WebApplication App, int StartTlsPort, int TlsPort)> StartAsync(FakeImapBackend backend)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<IImapBackend>(backend);
        builder.Services.AddKakuninImap(o => o.Certificate = TestCertificate.Value);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninImap(ImapListenerKind.StartTls));
            k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninImap(ImapListenerKind.ImplicitTls));
        });
        var app = builder.Build();
        await app.StartAsync(Ct);
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
        return (app, ports[0], ports[1]);
    }

    private static ImapClient Client() => new()
    {
        ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == TestCertificate.Value.GetCertHashString(),
    };

    [Fact]
    public async Task MailKit_logs_in_after_STARTTLS_selects_fetches_flags_and_stores()
    {
        var backend = new FakeImapBackend();
        backend.Deliver("INBOX", "From: a@example.test\r\nSubject: one\r\n\r\nbody\r\n");
        var (app, port, _) = await StartAsync(backend);
        await using (app)
        {
            using var client = Client();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTls, Ct);
            Assert.True(client.IsSecure);
            await client.AuthenticateAsync("alice", "secret", Ct);
            Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Idle));
            Assert.True(client.Capabilities.HasFlag(ImapCapabilities.CondStore));
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadWrite, Ct);
            Assert.Equal(1, inbox.Count);
            var summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId, Ct);
            Assert.Equal(MessageFlags.None, summaries.Single().Flags);
            await inbox.AddFlagsAsync(0, MessageFlags.Flagged, true, Ct);
            summaries = await inbox.FetchAsync(0, -1, MessageSummaryItems.Flags, Ct);
            Assert.Equal(MessageFlags.Flagged, summaries.Single().Flags);
            await client.DisconnectAsync(true, Ct);
        }
    }

    [Fact]
    public async Task MailKit_IDLE_on_implicit_TLS_hears_of_a_delivery()
    {
        var backend = new FakeImapBackend();
        var (app, _, port) = await StartAsync(backend);
        await using (app)
        {
            using var client = Client();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.SslOnConnect, Ct);
            await client.AuthenticateAsync("alice", "secret", Ct);
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadOnly, Ct);
            var arrived = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            inbox.CountChanged += (_, _) => arrived.TrySetResult(inbox.Count);
            using var done = new CancellationTokenSource();
            var idle = client.IdleAsync(done.Token, Ct);
            await Task.Delay(300, Ct);
            backend.Deliver("INBOX", "Subject: new\r\n\r\nhello\r\n");
            Assert.Equal(1, await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
            await done.CancelAsync();
            await idle;
            await client.DisconnectAsync(true, Ct);
        }
    }
}
