using System.Collections.Concurrent;
using System.Net;
using Kakunin.Webhooks.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kakunin.Webhooks.Tests.Nodes;

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel): every POST it gets is recorded with its <c>webhook-id</c> in the
/// order it arrived, and <see cref="Answer"/> decides, by that order, how long it waits and what status it answers.
/// The nodes of a test post to the same endpoint URL, so arrival order is how a test tells their attempts apart.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _arrivals;

    private LoopbackReceiver(WebApplication app) => _app = app;

    /// <summary>Arrival number (0 = first) → the status to answer, after whatever it awaits. Default: 204 at once.</summary>
    public Func<int, CancellationToken, Task<int>> Answer { get; set; } = (_, _) => Task.FromResult(204);

    /// <summary>The webhook-id of every request, in the order they arrived.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var arrival = Interlocked.Increment(ref receiver._arrivals) - 1;
            receiver.Received.Enqueue(context.Request.Headers[WebhookSigner.IdHeader].ToString());
            context.Response.StatusCode = await receiver.Answer(arrival, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
