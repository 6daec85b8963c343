namespace Kakunin.Reports.Mdn;

/// <summary>What the caller decides about a composed MDN besides the disposition.</summary>
/// <param name="Date">The MDN's Date, and the time of the disposition shown in the text (no clock is read).</param>
/// <param name="Language">The reader's language for the human-readable part and Subject: "en" or "ja".</param>
/// <param name="IncludeOriginalHeaders">
/// Return the original header fields as the third part (RFC 8098 §3 d: up to the MUA). Off by
/// default: headers can reveal internal host names (RFC 8098 §6.2).
/// </param>
/// <param name="ReportingUa">Reporting-UA; null means <see cref="ReportingUa.Kakunin"/>.</param>
/// <param name="Errors">Error field texts, written when the disposition has the "error" modifier.</param>
public sealed record MdnComposeOptions(
    DateTimeOffset Date,
    string Language = "en",
    bool IncludeOriginalHeaders = false,
    ReportingUa? ReportingUa = null,
    IReadOnlyList<string>? Errors = null);
