using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Tests.Client;

internal sealed class FakeMxResolver(MxResolution resolution) : IMxResolver
{
    public Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken) => Task.FromResult(resolution);
}
