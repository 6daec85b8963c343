using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Kakunin.Smtp.Tests.Dns;

/// <summary>
/// A tiny authoritative DNS responder on 127.0.0.1 UDP for <see cref="Kakunin.Smtp.Dns.DnsMxResolver"/> tests:
/// answers MX, A and AAAA questions from a table, NXDOMAIN for unknown names, and can answer SERVFAIL or
/// stay silent (a timeout) for chosen names. <see cref="Questions"/> lists what it was asked.
/// </summary>
internal sealed class LoopbackDnsServer : IDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeMx = 15;
    private const ushort TypeAaaa = 28;
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, List<(int Preference, string Exchange)>> _mx = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IPAddress>> _a = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _servFail = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _silent = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _exists = new(StringComparer.OrdinalIgnoreCase);

    public LoopbackDnsServer()
    {
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _ = ServeAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>A <see cref="Kakunin.Smtp.Dns.DnsMxResolver"/> asking only this server: no cache, no retries, 300 ms timeout.</summary>
    public Kakunin.Smtp.Dns.DnsMxResolver Resolver() => new(new Kakunin.Smtp.Dns.DnsMxResolverOptions
    {
        NameServers = [EndPoint],
        UseCache = false,
        Timeout = TimeSpan.FromMilliseconds(300),
        Retries = 0,
    });

    /// <summary>The questions received, as "name TYPE" (A, AAAA, MX or the type number).</summary>
    public List<string> Questions { get; } = [];

    public LoopbackDnsServer Mx(string name, int preference, string exchange)
    {
        _exists.Add(name);
        if (!_mx.TryGetValue(name, out var list))
        {
            _mx[name] = list = [];
        }
        list.Add((preference, exchange));
        return this;
    }

    /// <summary>An address record: A for an IPv4 address, AAAA for an IPv6 one.</summary>
    public LoopbackDnsServer A(string name, IPAddress address)
    {
        _exists.Add(name);
        if (!_a.TryGetValue(name, out var list))
        {
            _a[name] = list = [];
        }
        list.Add(address);
        return this;
    }

    /// <summary>A name that exists (NOERROR) with no records of any type.</summary>
    public LoopbackDnsServer Empty(string name)
    {
        _exists.Add(name);
        return this;
    }

    public LoopbackDnsServer ServFail(string name)
    {
        _servFail.Add(name);
        return this;
    }

    public LoopbackDnsServer Silent(string name)
    {
        _silent.Add(name);
        return this;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var response = Answer(received.Buffer);
            if (response is not null)
            {
                await _udp.SendAsync(response, received.RemoteEndPoint);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        // RFC 1035 §4.1: 12-byte header, then the question: labels, QTYPE, QCLASS.
        var offset = 12;
        var labels = new List<string>();
        while (query[offset] != 0)
        {
            labels.Add(System.Text.Encoding.ASCII.GetString(query, offset + 1, query[offset]));
            offset += query[offset] + 1;
        }
        offset++;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset));
        offset += 4;
        var name = string.Join('.', labels);
        lock (Questions)
        {
            Questions.Add($"{name} {type switch { TypeA => "A", TypeAaaa => "AAAA", TypeMx => "MX", _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture) }}");
        }

        if (_silent.Contains(name))
        {
            return null;
        }

        var answers = new List<byte[]>();
        var rcode = 0;
        if (_servFail.Contains(name))
        {
            rcode = 2;
        }
        else if (!_exists.Contains(name))
        {
            rcode = 3;
        }
        else if (type == TypeMx && _mx.TryGetValue(name, out var mx))
        {
            answers.AddRange(mx.Select(m => Record(TypeMx, [.. BigEndian((ushort)m.Preference), .. EncodeName(m.Exchange)])));
        }
        else if (type is TypeA or TypeAaaa && _a.TryGetValue(name, out var addresses))
        {
            var family = type == TypeA ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            answers.AddRange(addresses.Where(x => x.AddressFamily == family).Select(x => Record(type, x.GetAddressBytes())));
        }

        var header = new byte[12];
        query.AsSpan(0, 2).CopyTo(header); // ID
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(0x8580 | rcode)); // QR, AA, RD, RA
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Count);
        return [.. header, .. query.AsSpan(12, offset - 12), .. answers.SelectMany(x => x)];
    }

    private static byte[] Record(ushort type, byte[] data) =>
        [0xC0, 0x0C, .. BigEndian(type), 0, 1, 0, 0, 0, 60, .. BigEndian((ushort)data.Length), .. data];

    private static byte[] BigEndian(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.Add(0);
        return [.. bytes];
    }
}
