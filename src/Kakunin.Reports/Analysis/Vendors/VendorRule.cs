namespace Kakunin.Reports.Analysis.Vendors;

/// <summary>
/// One published provider code: <see cref="Token"/> found (case-insensitively) in the remote server's
/// words means <see cref="Reason"/>. When <see cref="Hosts"/> is not empty the rule holds only for mail
/// to or through that provider (the recipient's domain, the remote host, or a host named in the
/// report ends with one of them): tokens that other servers could also write are keyed on the host.
/// <see cref="Source"/> is the provider's document the meaning comes from.
/// </summary>
public sealed record VendorRule(string Vendor, string Token, BounceReason Reason, string Source, params string[] Hosts);
