using System.Net;

namespace Kakunin.Connections.ProxyProtocol;

/// <summary>
/// What a PROXY protocol header said: the client's address and the address it connected to, as the balancer saw them.
/// Both null for a header that carries no addresses (v2 LOCAL: the balancer's own health check; v1 UNKNOWN; v2 UNSPEC):
/// the connection's own addresses stand then.
/// </summary>
public sealed record ProxyHeader(IPEndPoint? Source, IPEndPoint? Destination, int Version)
{
    /// <summary>The header's length in bytes: what the reader skips before the protocol's first byte.</summary>
    public int Length { get; init; }
}
