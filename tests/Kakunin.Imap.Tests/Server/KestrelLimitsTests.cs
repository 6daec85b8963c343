using System.Net;
using System.Net.Sockets;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Kakunin.Smtp.Tests.Server;

namespace Kakunin.Imap.Tests.Server;

/// <summary>Connection limits and STARTTLS injection through Kestrel on loopback, with raw sockets.</summary>
public sealed class KestrelLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(WebApplication App, int Port)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<IImapBackend>(new FakeImapBackend());
        builder.Services.AddKakuninImap(o => o.Certificate = TestCertificate.Value);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninImap(ImapListenerKind.StartTls)));
        var app = builder.Build();
        await app.StartAsync(Ct);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return (app, port);
    }

    private static async Task<(TcpClient Client, string FirstLine)> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, Ct);
        return (client, await ReadLineAsync(client.GetStream()));
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct) == 1)
        {
            line.Append((char)one[0]);
            if (one[0] == '\n')
            {
                break;
            }
        }

        return line.ToString();
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = await stream.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    [Fact]
    public async Task The_51st_connection_from_one_address_gets_BYE_and_a_freed_place_is_usable_again()
    {
        var (app, port) = await StartAsync();
        await using (app)
        {
            var open = new List<TcpClient>();
            try
            {
                for (var i = 0; i < 50; i++)
                {
                    var (client, greeting) = await ConnectAsync(port);
                    open.Add(client);
                    Assert.StartsWith("* OK ", greeting, StringComparison.Ordinal);
                }

                var (refused, answer) = await ConnectAsync(port);
                using (refused)
                {
                    Assert.StartsWith("* BYE ", answer, StringComparison.Ordinal);
                    Assert.Equal(string.Empty, await ReadToEndAsync(refused.GetStream())); // and closed
                }

                // One leaves (LOGOUT): its place is free again.
                var leaving = open[0].GetStream();
                await leaving.WriteAsync("a LOGOUT\r\n"u8.ToArray(), Ct);
                Assert.Contains("a OK", await ReadToEndAsync(leaving), StringComparison.Ordinal);
                open[0].Dispose();
                open.RemoveAt(0);
                string again = string.Empty;
                for (var attempt = 0; attempt < 50 && !again.StartsWith("* OK ", StringComparison.Ordinal); attempt++)
                {
                    await Task.Delay(20, Ct); // the server notices the close asynchronously
                    var (client, greeting) = await ConnectAsync(port);
                    open.Add(client);
                    again = greeting;
                }

                Assert.StartsWith("* OK ", again, StringComparison.Ordinal);
            }
            finally
            {
                open.ForEach(c => c.Dispose());
            }
        }
    }

    [Fact]
    public async Task Plaintext_pipelined_after_STARTTLS_gets_BYE_and_is_never_run()
    {
        var (app, port) = await StartAsync();
        await using (app)
        {
            var (client, greeting) = await ConnectAsync(port);
            using (client)
            {
                Assert.Contains("STARTTLS", greeting, StringComparison.Ordinal);
                var stream = client.GetStream();
                await stream.WriteAsync("a1 STARTTLS\r\na2 LOGIN alice secret\r\n"u8.ToArray(), Ct);
                var rest = await ReadToEndAsync(stream);
                Assert.Equal("a1 OK Begin TLS negotiation now\r\n* BYE Data after STARTTLS, closing\r\n", rest);
            }
        }
    }
}
