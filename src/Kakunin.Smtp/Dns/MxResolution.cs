namespace Kakunin.Smtp.Dns;

/// <summary>
/// The result of an MX lookup: either the host names to try, best first (<see cref="Hosts"/>), or why
/// there are none (<see cref="Failure"/>).
/// </summary>
/// <param name="Hosts">Host names in the order to try; empty when <see cref="Failure"/> is set.</param>
/// <param name="Failure">Set when the domain has no usable mail host.</param>
/// <param name="IsImplicit">True when the domain has no MX records and its own A/AAAA is used (RFC 5321 §5.1).</param>
public sealed record MxResolution(IReadOnlyList<string> Hosts, MxFailure? Failure, bool IsImplicit = false)
{
    public static MxResolution Found(IReadOnlyList<string> hosts, bool isImplicit = false) => new(hosts, null, isImplicit);

    public static MxResolution Failed(MxFailure failure) => new([], failure);
}
