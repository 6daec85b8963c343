using System.Buffers;
using System.Text;

namespace Kakunin.Certificates.Tls;

/// <summary>What <see cref="ClientHelloReader.TryRead"/> made of the bytes so far.</summary>
public enum ClientHelloResult
{
    /// <summary>More bytes are needed to see the whole ClientHello.</summary>
    Incomplete,

    /// <summary>The ClientHello was read; the protocols it offers are known (maybe none).</summary>
    Read,

    /// <summary>Not a TLS ClientHello, malformed, or longer than we look at.</summary>
    NotAClientHello,
}

/// <summary>
/// Reads the ALPN protocol list (RFC 7301 §3.1) from a TLS ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) before the
/// handshake starts: .NET tells a server the SNI name of a ClientHello but not the protocols offered, and TLS-ALPN-01
/// (RFC 8737 §3) must pick the certificate by whether "acme-tls/1" is offered. Pure: bytes in, protocols out.
/// </summary>
public static class ClientHelloReader
{
    /// <summary>The most we look at: a ClientHello fits one 16 KB record in practice; a few records at most.</summary>
    public const int MaxBytes = 4 * (16384 + 5);

    private const byte HandshakeRecord = 22;
    private const byte ClientHelloMessage = 1;
    private const ushort AlpnExtension = 16;

    public static ClientHelloResult TryRead(ReadOnlySequence<byte> input, out IReadOnlyList<string> protocols)
    {
        protocols = [];
        var bytes = input.Length > MaxBytes ? input.Slice(0, MaxBytes).ToArray() : input.ToArray();
        var handshake = new List<byte>();
        var position = 0;
        while (true)
        {
            if (bytes.Length - position < 5)
            {
                return input.Length >= MaxBytes ? ClientHelloResult.NotAClientHello : ClientHelloResult.Incomplete;
            }

            // RFC 8446 §5.1: ContentType, legacy_record_version, uint16 length. A ClientHello may span records.
            if (bytes[position] != HandshakeRecord)
            {
                return ClientHelloResult.NotAClientHello;
            }

            var length = (bytes[position + 3] << 8) | bytes[position + 4];
            if (bytes.Length - position - 5 < length)
            {
                return input.Length >= MaxBytes ? ClientHelloResult.NotAClientHello : ClientHelloResult.Incomplete;
            }

            handshake.AddRange(bytes.AsSpan(position + 5, length));
            position += 5 + length;
            if (handshake.Count < 4)
            {
                continue;
            }

            if (handshake[0] != ClientHelloMessage)
            {
                return ClientHelloResult.NotAClientHello;
            }

            var messageLength = (handshake[1] << 16) | (handshake[2] << 8) | handshake[3];
            if (handshake.Count - 4 >= messageLength)
            {
                return ReadBody(handshake.GetRange(4, messageLength).ToArray(), out protocols) ? ClientHelloResult.Read : ClientHelloResult.NotAClientHello;
            }
        }
    }

    /// <summary>Whether <paramref name="protocols"/> holds <paramref name="protocol"/>.</summary>
    public static bool Offers(IReadOnlyList<string> protocols, string protocol) => protocols.Contains(protocol, StringComparer.Ordinal);

    private static bool ReadBody(ReadOnlySpan<byte> body, out IReadOnlyList<string> protocols)
    {
        protocols = [];
        var reader = new SpanReader(body);
        // legacy_version, random, legacy_session_id <0..32>, cipher_suites <2..2^16-2>, legacy_compression_methods <1..2^8-1>
        if (!reader.Skip(2 + 32) || !reader.SkipVector(1) || !reader.SkipVector(2) || !reader.SkipVector(1))
        {
            return false;
        }

        if (reader.Remaining == 0)
        {
            return true; // no extensions at all (TLS 1.2 allows it): nothing offered
        }

        if (!reader.ReadVector(2, out var extensions))
        {
            return false;
        }

        var list = new SpanReader(extensions);
        while (list.Remaining > 0)
        {
            if (!list.ReadUInt16(out var type) || !list.ReadVector(2, out var data))
            {
                return false;
            }

            if (type == AlpnExtension)
            {
                return ReadProtocols(data, out protocols);
            }
        }

        return true;
    }

    // RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>, each opaque ProtocolName<1..2^8-1>.
    private static bool ReadProtocols(ReadOnlySpan<byte> data, out IReadOnlyList<string> protocols)
    {
        protocols = [];
        var reader = new SpanReader(data);
        if (!reader.ReadVector(2, out var list))
        {
            return false;
        }

        var names = new List<string>();
        var entries = new SpanReader(list);
        while (entries.Remaining > 0)
        {
            if (!entries.ReadVector(1, out var name) || name.IsEmpty)
            {
                return false;
            }

            names.Add(Encoding.ASCII.GetString(name));
        }

        protocols = names;
        return true;
    }

    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private ReadOnlySpan<byte> _rest = span;

        public readonly int Remaining => _rest.Length;

        public bool Skip(int count)
        {
            if (_rest.Length < count)
            {
                return false;
            }

            _rest = _rest[count..];
            return true;
        }

        public bool ReadUInt16(out int value)
        {
            value = 0;
            if (_rest.Length < 2)
            {
                return false;
            }

            value = (_rest[0] << 8) | _rest[1];
            _rest = _rest[2..];
            return true;
        }

        public bool ReadVector(int lengthBytes, out ReadOnlySpan<byte> vector)
        {
            vector = default;
            if (_rest.Length < lengthBytes)
            {
                return false;
            }

            var length = lengthBytes == 1 ? _rest[0] : (_rest[0] << 8) | _rest[1];
            if (_rest.Length - lengthBytes < length)
            {
                return false;
            }

            vector = _rest.Slice(lengthBytes, length);
            _rest = _rest[(lengthBytes + length)..];
            return true;
        }

        public bool SkipVector(int lengthBytes) => ReadVector(lengthBytes, out _);
    }
}
