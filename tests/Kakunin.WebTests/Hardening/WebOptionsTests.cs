using System.Net;
using Kakunin.Web;
using Kakunin.Web.Https;

namespace Kakunin.WebTests.Hardening;

/// <summary>Unit tests of the web host's settings: trusted proxies as written by an administrator, and where redirects go.</summary>
public sealed class WebOptionsTests
{
    [Fact]
    public void Trusted_proxies_take_bare_addresses_as_single_hosts_and_cidr_blocks_as_written()
    {
        var networks = new WebOptions { TrustedProxies = " 127.0.0.1, 10.0.0.0/24 ,::1,2001:db8::/32" }.TrustedProxyNetworks();
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/24", "::1/128", "2001:db8::/32"], networks.Select(n => n.ToString()));
        Assert.False(networks[0].Contains(IPAddress.Parse("127.0.0.2")));
        Assert.True(networks[1].Contains(IPAddress.Parse("10.0.0.200")));
    }

    [Fact]
    public void Nothing_is_trusted_by_default()
    {
        Assert.Empty(new WebOptions().TrustedProxyNetworks());
        Assert.Empty(new WebOptions { TrustedProxies = " " }.TrustedProxyNetworks());
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.example.com")]
    public void A_wrong_entry_is_refused_with_the_setting_and_the_value_named(string entry)
    {
        var error = Assert.Throws<FormatException>(() => new WebOptions { TrustedProxies = $"127.0.0.1,{entry}" }.TrustedProxyNetworks());
        Assert.Contains("Kakunin:Web:TrustedProxies", error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{entry}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirects_go_to_the_host_name_and_https_port_unless_a_public_name_and_port_are_set()
    {
        Assert.Null(TransportSecurity.RedirectTarget(new KakuninOptions()));
        var options = new KakuninOptions { HostName = "mail.example.com", HttpsPort = 8443 };
        Assert.Equal(("mail.example.com", 8443), TransportSecurity.RedirectTarget(options));
        options.Web.PublicHost = "webmail.example.com";
        options.Web.PublicHttpsPort = 443;
        Assert.Equal(("webmail.example.com", 443), TransportSecurity.RedirectTarget(options));
        Assert.Equal("webmail.example.com", HttpsRedirect.TargetText("webmail.example.com", 443)); // RFC 9110 §4.2.2
        Assert.Equal("mail.example.com:8443", HttpsRedirect.TargetText("mail.example.com", 8443));
    }
}
