using System.Net;

namespace Kakunin.Smtp.Dns;

/// <summary>The addresses of one host, or why there are none (the status says whether retrying can help).</summary>
public sealed record HostAddresses(IReadOnlyList<IPAddress> Addresses, MxFailure? Failure)
{
    public static HostAddresses Found(IReadOnlyList<IPAddress> addresses) => new(addresses, null);

    public static HostAddresses Failed(MxFailure failure) => new([], failure);
}
