using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace Kakunin.Connections.ProxyProtocol;

/// <summary>
/// Reads the PROXY protocol header a TCP balancer (HAProxy <c>send-proxy</c> / <c>send-proxy-v2</c>, nginx
/// <c>proxy_protocol on</c>, AWS NLB, …) writes before the client's first byte, versions 1 and 2, as specified in
/// HAProxy's proxy-protocol.txt (2020 revision). Written here because no maintained .NET package reads it for Kestrel
/// connections; the format is two fixed layouts. Only the header is parsed; TLVs of version 2 are skipped.
/// </summary>
public static class ProxyHeaderParser
{
    /// <summary>Version 1's longest header: "PROXY TCP6 " + two full IPv6 addresses + two ports + CRLF (§2.1).</summary>
    public const int MaxVersion1Length = 107;

    // §2.2: the 12-byte signature that starts a version 2 header ("\r\n\r\n\0\r\nQUIT\n").
    private static ReadOnlySpan<byte> Version2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    private static ReadOnlySpan<byte> Version1Prefix => "PROXY "u8;

    /// <summary>
    /// Parses the header at the start of <paramref name="buffer"/>. <see cref="ProxyParse.NeedMore"/>: not all of it has
    /// arrived yet; <see cref="ProxyParse.Invalid"/>: what arrived is not a PROXY header (<paramref name="error"/> says why).
    /// </summary>
    public static ProxyParse TryParse(ReadOnlySequence<byte> buffer, out ProxyHeader? header, out string? error)
    {
        header = null;
        error = null;
        Span<byte> start = stackalloc byte[16];
        var have = (int)Math.Min(buffer.Length, start.Length);
        buffer.Slice(0, have).CopyTo(start);
        start = start[..have];

        if (Version2Signature.StartsWith(start) || start.StartsWith(Version2Signature))
        {
            return have < 16 ? ProxyParse.NeedMore : ParseVersion2(buffer, start, out header, out error);
        }

        var prefix = Math.Min(have, Version1Prefix.Length);
        if (start[..prefix].SequenceEqual(Version1Prefix[..prefix]))
        {
            return have < Version1Prefix.Length ? ProxyParse.NeedMore : ParseVersion1(buffer, out header, out error);
        }

        error = "the connection did not begin with a PROXY protocol header";
        return ProxyParse.Invalid;
    }

    // §2.1: "PROXY" SP ("TCP4" | "TCP6" | "UNKNOWN") SP src SP dst SP sport SP dport CRLF, at most 107 bytes.
    private static ProxyParse ParseVersion1(ReadOnlySequence<byte> buffer, out ProxyHeader? header, out string? error)
    {
        header = null;
        error = null;
        var window = buffer.Slice(0, Math.Min(buffer.Length, MaxVersion1Length));
        var line = new SequenceReader<byte>(window);
        if (!line.TryReadTo(out ReadOnlySequence<byte> text, "\r\n"u8))
        {
            if (window.Length >= MaxVersion1Length)
            {
                error = "a version 1 PROXY header longer than 107 bytes";
                return ProxyParse.Invalid;
            }

            return ProxyParse.NeedMore;
        }

        var length = (int)text.Length + 2;
        var fields = Encoding.ASCII.GetString(text).Split(' ');
        if (fields.Length >= 2 && fields[1] == "UNKNOWN")
        {
            // The balancer could not tell (or the connection is its own): the rest of the line is to be ignored.
            header = new ProxyHeader(null, null, 1) { Length = length };
            return ProxyParse.Done;
        }

        if (fields.Length != 6 || fields[1] is not ("TCP4" or "TCP6"))
        {
            error = "a version 1 PROXY header that is not PROXY TCP4|TCP6 src dst sport dport";
            return ProxyParse.Invalid;
        }

        var family = fields[1] == "TCP4" ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (!TryAddress(fields[2], family, out var source) || !TryAddress(fields[3], family, out var destination)
            || !TryPort(fields[4], out var sourcePort) || !TryPort(fields[5], out var destinationPort))
        {
            error = "a version 1 PROXY header with an address or port that does not parse";
            return ProxyParse.Invalid;
        }

        header = new ProxyHeader(new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort), 1) { Length = length };
        return ProxyParse.Done;
    }

    // §2.2: signature (12), version and command (1), family and transport (1), length of the rest (2, network order),
    // then the addresses (IPv4: 4 + 4 + 2 + 2; IPv6: 16 + 16 + 2 + 2) and TLVs up to that length.
    private static ProxyParse ParseVersion2(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> start, out ProxyHeader? header, out string? error)
    {
        header = null;
        error = null;
        var versionCommand = start[12];
        if (versionCommand >> 4 != 2)
        {
            error = "a PROXY header of an unknown version";
            return ProxyParse.Invalid;
        }

        var command = versionCommand & 0x0F;
        if (command > 1)
        {
            error = "a version 2 PROXY header with an unknown command";
            return ProxyParse.Invalid;
        }

        var rest = BinaryPrimitives.ReadUInt16BigEndian(start[14..16]);
        var length = 16 + rest;
        if (buffer.Length < length)
        {
            return ProxyParse.NeedMore;
        }

        if (command == 0)
        {
            // LOCAL: the balancer's own connection (a health check); the addresses, if any, are to be ignored.
            header = new ProxyHeader(null, null, 2) { Length = length };
            return ProxyParse.Done;
        }

        var addresses = buffer.Slice(16, rest).ToArray();
        switch (start[13])
        {
            case 0x11 when rest >= 12: // TCP over IPv4
                header = Addresses(addresses, 4, length);
                return ProxyParse.Done;
            case 0x21 when rest >= 36: // TCP over IPv6
                header = Addresses(addresses, 16, length);
                return ProxyParse.Done;
            case 0x00: // UNSPEC: the receiver uses the connection's own addresses
                header = new ProxyHeader(null, null, 2) { Length = length };
                return ProxyParse.Done;
            default:
                error = "a version 2 PROXY header for a family or transport other than TCP over IPv4 or IPv6, or too short for its addresses";
                return ProxyParse.Invalid;
        }
    }

    // §2.2.1: source address, destination address (each addressLength bytes), source port, destination port (2 each).
    private static ProxyHeader Addresses(byte[] block, int addressLength, int headerLength)
    {
        var ports = block.AsSpan(2 * addressLength);
        return new ProxyHeader(
            new IPEndPoint(new IPAddress(block.AsSpan(0, addressLength)), BinaryPrimitives.ReadUInt16BigEndian(ports)),
            new IPEndPoint(new IPAddress(block.AsSpan(addressLength, addressLength)), BinaryPrimitives.ReadUInt16BigEndian(ports[2..])),
            2) { Length = headerLength };
    }

    private static bool TryAddress(string text, System.Net.Sockets.AddressFamily family, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.AddressFamily == family;

    // §2.1: ports are decimal 0-65535 without leading zeroes.
    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535 && (text.Length == 1 || text[0] != '0');
}

/// <summary>What <see cref="ProxyHeaderParser.TryParse"/> found.</summary>
public enum ProxyParse
{
    /// <summary>A whole header: its length and addresses are known.</summary>
    Done,

    /// <summary>The start of a header; more bytes are needed.</summary>
    NeedMore,

    /// <summary>Not a PROXY header; the connection is to be closed.</summary>
    Invalid,
}
