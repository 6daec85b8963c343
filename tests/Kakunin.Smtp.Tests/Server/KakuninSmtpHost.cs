using System.Net;
using Kakunin.Smtp.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>A real Kestrel host on loopback with three SMTP listeners (inbound, submission, implicit TLS), as the web host will do it.</summary>
internal sealed class KakuninSmtpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KakuninSmtpHost(WebApplication app, FakeSmtpBackend backend, int[] ports)
    {
        _app = app;
        Backend = backend;
        InboundPort = ports[0];
        SubmissionPort = ports[1];
        ImplicitTlsPort = ports[2];
    }

    public FakeSmtpBackend Backend { get; }

    public int InboundPort { get; }

    public int SubmissionPort { get; }

    public int ImplicitTlsPort { get; }

    public static async Task<KakuninSmtpHost> StartAsync()
    {
        var backend = new FakeSmtpBackend();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<ISmtpBackend>(backend);
        builder.Services.AddKakuninSmtp(o =>
        {
            o.HostName = "mx.test.example";
            o.Certificate = TestCertificate.Value;
        });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninSmtp(ListenerKind.Inbound));
            k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninSmtp(ListenerKind.Submission));
            k.Listen(IPAddress.Loopback, 0, l => l.UseKakuninSmtp(ListenerKind.SubmissionTls));
        });
        var app = builder.Build();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var ports = addresses.Select(a => new Uri(a).Port).ToArray();
        return new KakuninSmtpHost(app, backend, ports);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
