namespace Kakunin.Reports.Mdn;

/// <summary>The SMTP envelope to send an MDN with.</summary>
/// <param name="ReversePath">
/// Always the null reverse-path, written here as "" (<c>MAIL FROM:&lt;&gt;</c>): RFC 8098 §3 says the
/// envelope sender of an MDN MUST be null so that no DSN or other notice answers it.
/// </param>
/// <param name="Recipients">The addr-specs of the Disposition-Notification-To addresses (RFC 8098 §3: header and envelope).</param>
public sealed record MdnEnvelope(string ReversePath, IReadOnlyList<string> Recipients)
{
    /// <summary>An envelope with the null reverse-path.</summary>
    public static MdnEnvelope WithNullSender(IReadOnlyList<string> recipients) => new(string.Empty, recipients);
}
