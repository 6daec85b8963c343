namespace Kakunin.Smtp.Dns;

/// <summary>Finds the addresses of a mail host: the A and AAAA records of an MX host or smarthost (RFC 5321 §5.1).</summary>
public interface IHostAddressResolver
{
    /// <summary>The addresses of <paramref name="host"/>, IPv6 first; empty with <see cref="HostAddresses.Failure"/> when there are none.</summary>
    Task<HostAddresses> ResolveAddressesAsync(string host, CancellationToken cancellationToken);
}
