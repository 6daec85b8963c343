using System.Net;
using Kakunin.Connections;

namespace Kakunin.Smtp.Tests.ProxyProtocol;

/// <summary>
/// <see cref="NetworkList.Contains"/>: the one membership test of --proxy-protocol-from (which connections must send a
/// PROXY header) and of /metrics' networks. A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d; it must
/// still match the IPv4 block it is in.
/// </summary>
public sealed class NetworkListTests
{
    private static readonly IReadOnlyList<IPNetwork> Networks = NetworkList.Parse("10.0.0.0/24, ::1", "test");

    [Theory]
    [InlineData("10.0.0.7", true)]
    [InlineData("::ffff:10.0.0.7", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.1.7", false)]
    [InlineData("::ffff:10.0.1.7", false)]
    [InlineData("::2", false)]
    public void An_address_is_in_the_list_whether_written_as_IPv4_or_IPv4_mapped(string address, bool expected) =>
        Assert.Equal(expected, NetworkList.Contains(Networks, IPAddress.Parse(address)));

    [Fact]
    public void An_empty_list_contains_nothing() =>
        Assert.False(NetworkList.Contains(NetworkList.Parse("", "test"), IPAddress.Loopback));
}
