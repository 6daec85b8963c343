namespace Kakunin.Authentication.Dns;

/// <summary>The records of one DNS answer, with how the question ended.</summary>
public sealed record DnsAnswer<T>(DnsStatus Status, IReadOnlyList<T> Records)
{
    /// <summary>No record: NODATA or NXDOMAIN (a "void lookup", RFC 7208 §4.6.4).</summary>
    public bool IsVoid => Status is DnsStatus.NoData or DnsStatus.NxDomain;
}

/// <summary>Builds <see cref="DnsAnswer{T}"/> values.</summary>
public static class DnsAnswer
{
    /// <summary>NOERROR: found when there are records, else NODATA.</summary>
    public static DnsAnswer<T> Of<T>(IReadOnlyList<T> records) => new(records.Count > 0 ? DnsStatus.Found : DnsStatus.NoData, records);

    public static DnsAnswer<T> Failed<T>(DnsStatus status) => new(status, []);
}
