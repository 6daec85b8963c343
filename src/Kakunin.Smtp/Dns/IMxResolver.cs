namespace Kakunin.Smtp.Dns;

/// <summary>Finds the hosts that accept mail for a domain (RFC 5321 §5.1), in the order to try them.</summary>
public interface IMxResolver
{
    Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken);
}
