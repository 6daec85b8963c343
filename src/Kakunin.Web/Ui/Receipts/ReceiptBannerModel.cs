using Kakunin.Reports.Receipts;

namespace Kakunin.Web.Ui.Receipts;

/// <summary>What the read-receipt banner shows.</summary>
public enum BannerKind
{
    /// <summary>No request, or nothing to say (the policy said never, the request was answered before).</summary>
    Nothing,

    /// <summary>"The sender asked to be notified…": Send a receipt / Don't send, with the reasons.</summary>
    Ask,

    /// <summary>The reader's settings sent a receipt as the message opened.</summary>
    SentBySetting,

    /// <summary>After an answer redirected back: what was done.</summary>
    Notice,

    /// <summary>Only where asked for (the /receipts page): why no receipt will be sent.</summary>
    NotSent,
}

/// <summary>What Pages/Shared/Components/ReceiptBanner/Default.cshtml renders.</summary>
/// <param name="ReturnUrl">Where the answer's POST redirects back to (this page, without an earlier notice).</param>
/// <param name="Reasons">For <see cref="BannerKind.Ask"/>: why the reader is asked; for NotSent: why not.</param>
public sealed record ReceiptBannerModel(
    BannerKind Kind,
    long MessageId,
    string ReturnUrl,
    IReadOnlyList<ReceiptReason> Reasons,
    string? Notice = null)
{
    public static ReceiptBannerModel Nothing(long messageId) => new(BannerKind.Nothing, messageId, string.Empty, []);
}
