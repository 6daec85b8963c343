using System.Buffers;
using System.Net;
using System.Text;
using Kakunin.Connections.ProxyProtocol;

namespace Kakunin.Smtp.Tests.ProxyProtocol;

/// <summary>
/// The PROXY protocol header (HAProxy's proxy-protocol.txt), versions 1 and 2. The byte strings below were written
/// from the specification's layouts by hand (§2.1, §2.2), not taken from the parser; the HAProxy test in
/// IntegrationTests shows a real balancer's headers are read the same way.
/// </summary>
public sealed class ProxyHeaderParserTests
{
    // §2.2: "\r\n\r\n\0\r\nQUIT\n"
    private static readonly byte[] Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static ProxyParse Parse(byte[] bytes, out ProxyHeader? header, out string? error) =>
        ProxyHeaderParser.TryParse(new ReadOnlySequence<byte>(bytes), out header, out error);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Version_1_tcp4_gives_the_client_and_the_address_it_connected_to_and_stops_at_the_crlf()
    {
        var bytes = Ascii("PROXY TCP4 192.0.2.1 198.51.100.2 54321 25\r\nEHLO client.example\r\n");

        Assert.Equal(ProxyParse.Done, Parse(bytes, out var header, out _));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 54321), header!.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.2"), 25), header.Destination);
        Assert.Equal(44, header.Length); // "PROXY TCP4 192.0.2.1 198.51.100.2 54321 25" is 42 characters, then CRLF
    }

    [Fact]
    public void Version_1_tcp6_and_unknown()
    {
        Assert.Equal(ProxyParse.Done, Parse(Ascii("PROXY TCP6 2001:db8::1 2001:db8::25 40000 587\r\n"), out var v6, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 40000), v6!.Source);

        // UNKNOWN: whatever follows on the line is ignored; the connection's own addresses stand.
        Assert.Equal(ProxyParse.Done, Parse(Ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"), out var unknown, out _));
        Assert.Null(unknown!.Source);
    }

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 54321")] // a field missing
    [InlineData("PROXY TCP4 2001:db8::1 198.51.100.2 54321 25")] // an IPv6 address under TCP4
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 054321 25")] // a leading zero
    [InlineData("PROXY TCP4 192.0.2.1 198.51.100.2 65536 25")] // past the last port
    [InlineData("PROXY UDP4 192.0.2.1 198.51.100.2 1 2")]
    public void A_version_1_line_that_breaks_the_grammar_is_refused(string line)
    {
        Assert.Equal(ProxyParse.Invalid, Parse(Ascii(line + "\r\n"), out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_version_1_line_without_its_crlf_within_107_bytes_is_refused_and_a_shorter_one_waits()
    {
        Assert.Equal(ProxyParse.NeedMore, Parse(Ascii("PROXY TCP4 192.0.2.1"), out _, out _));
        Assert.Equal(ProxyParse.Invalid, Parse(Ascii("PROXY TCP4 " + new string('1', 120)), out _, out _));
    }

    [Fact]
    public void Version_2_proxy_over_tcp4_skips_its_tlvs()
    {
        byte[] bytes =
        [
            .. Signature,
            0x21, // version 2, PROXY
            0x11, // AF_INET, STREAM
            0x00, 0x11, // 17 bytes follow: 12 of addresses and a 5-byte TLV
            192, 0, 2, 1, 198, 51, 100, 2,
            0xD4, 0x31, // 54321
            0x00, 0x19, // 25
            0x04, 0x00, 0x02, 0xAB, 0xCD, // a NOOP TLV (type 4) of 2 bytes
            (byte)'E', (byte)'H', // the protocol's own bytes
        ];

        Assert.Equal(ProxyParse.Done, Parse(bytes, out var header, out _));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 54321), header!.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.2"), 25), header.Destination);
        Assert.Equal(33, header.Length);
    }

    [Fact]
    public void Version_2_proxy_over_tcp6()
    {
        var source = IPAddress.Parse("2001:db8::7").GetAddressBytes();
        var destination = IPAddress.Parse("2001:db8::25").GetAddressBytes();
        byte[] bytes = [.. Signature, 0x21, 0x21, 0x00, 36, .. source, .. destination, 0x9C, 0x40, 0x03, 0xE1];

        Assert.Equal(ProxyParse.Done, Parse(bytes, out var header, out _));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 40000), header!.Source);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::25"), 993), header.Destination);
    }

    [Fact]
    public void Version_2_local_is_the_balancers_own_connection_and_keeps_the_real_addresses()
    {
        byte[] bytes = [.. Signature, 0x20, 0x00, 0x00, 0x00];

        Assert.Equal(ProxyParse.Done, Parse(bytes, out var header, out _));

        Assert.Null(header!.Source);
        Assert.Equal(16, header.Length);
    }

    [Fact]
    public void Version_2_waits_for_its_whole_length_and_refuses_unknown_versions_commands_and_families()
    {
        Assert.Equal(ProxyParse.NeedMore, Parse([.. Signature[..7]], out _, out _));
        Assert.Equal(ProxyParse.NeedMore, Parse([.. Signature, 0x21, 0x11, 0x00, 0x0C, 192, 0, 2], out _, out _));
        Assert.Equal(ProxyParse.Invalid, Parse([.. Signature, 0x31, 0x11, 0x00, 0x00], out _, out _)); // version 3
        Assert.Equal(ProxyParse.Invalid, Parse([.. Signature, 0x22, 0x11, 0x00, 0x00], out _, out _)); // command 2
        Assert.Equal(ProxyParse.Invalid, Parse([.. Signature, 0x21, 0x12, 0x00, 0x0C, .. new byte[12]], out _, out _)); // UDP
        Assert.Equal(ProxyParse.Invalid, Parse([.. Signature, 0x21, 0x11, 0x00, 0x04, 1, 2, 3, 4], out _, out _)); // too short for IPv4
    }

    [Theory]
    [InlineData("EHLO client.example\r\n")]
    [InlineData("a001 LOGIN bob secret\r\n")]
    [InlineData("\x16\x03\x01")] // a TLS ClientHello
    public void A_connection_that_begins_with_its_protocol_is_not_a_proxy_header(string start)
    {
        Assert.Equal(ProxyParse.Invalid, Parse(Encoding.Latin1.GetBytes(start), out _, out var error));
        Assert.Contains("PROXY", error, StringComparison.Ordinal);
    }
}
