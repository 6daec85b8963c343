using System.Net;
using Kakunin.Authentication.Dns;

namespace Kakunin.AuthBench;

/// <summary>Answers from memory: the bench measures the checks themselves, as with a warm DNS cache.</summary>
internal sealed class MemoryDns(Dictionary<string, string[]> txt) : IAuthDns
{
    public Task<DnsAnswer<string>> TxtAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(txt.TryGetValue(name, out var v) ? DnsAnswer.Of<string>(v) : DnsAnswer.Failed<string>(DnsStatus.NxDomain));

    public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, bool ipv6, CancellationToken cancellationToken) =>
        Task.FromResult(DnsAnswer.Failed<IPAddress>(DnsStatus.NxDomain));

    public Task<DnsAnswer<MxHost>> MxAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(DnsAnswer.Failed<MxHost>(DnsStatus.NxDomain));

    public Task<DnsAnswer<string>> PtrAsync(IPAddress address, CancellationToken cancellationToken) =>
        Task.FromResult(DnsAnswer.Failed<string>(DnsStatus.NxDomain));
}
