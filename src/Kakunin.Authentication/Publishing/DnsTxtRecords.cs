namespace Kakunin.Authentication.Publishing;

/// <summary>What a DNS question returned, as far as checking published records needs.</summary>
/// <param name="Failure">Null when the server answered (with records or with none); else why not (timeout, SERVFAIL…).</param>
public sealed record DnsAnswer(IReadOnlyList<string> Values, string? Failure = null)
{
    public static DnsAnswer None { get; } = new([]);
}

/// <summary>A DNS lookup for the checker: MX values as "preference host", TXT values with their strings joined.</summary>
public interface IRecordLookup
{
    Task<DnsAnswer> LookupAsync(string name, string type, CancellationToken cancellationToken);
}
