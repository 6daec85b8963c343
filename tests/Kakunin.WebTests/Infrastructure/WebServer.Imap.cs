using Kakunin.IntegrationTests;

namespace Kakunin.WebTests.Infrastructure;

public sealed partial class WebServer
{
    /// <summary>A server of a test class's own with the lenient sign-in limits and IMAP on (<see cref="KakuninProcess.ImapPort"/>).</summary>
    public static async Task<WebServer> StartWithImapAsync() =>
        new WebServer(await KakuninProcess.StartAsync(environment: LenientThrottle, imap: true));
}
