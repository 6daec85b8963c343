using Kakunin.Store.Settings;

namespace Kakunin.Web.Ui.Settings;

/// <summary>
/// The fields of <see cref="UserSettings"/> as a form posts them: used for a person's own settings and for the
/// organisation's defaults for new users. Unknown words fall back to the safe choice ("ask"; RFC 8098 §2.1:
/// no receipt without consent) instead of failing the save.
/// </summary>
public sealed class UserSettingsForm
{
    /// <summary>The language choice meaning "follow the browser" (stored as null).</summary>
    public const string Browser = "browser";

    public string Language { get; set; } = Browser;

    public bool RequestDeliveryReceipt { get; set; }

    public bool RequestReadReceipt { get; set; }

    public string MdnNotInToOrCc { get; set; } = ReceiptChoices.Ask;

    public string MdnOutsideDomain { get; set; } = ReceiptChoices.Ask;

    public string MdnOtherCases { get; set; } = ReceiptChoices.Ask;

    public bool MdnOnDeleteUnread { get; set; }

    public bool ProcessReceiptsOnArrival { get; set; }

    public static IReadOnlyList<string> Choices { get; } = [ReceiptChoices.Ask, ReceiptChoices.Always, ReceiptChoices.Never];

    public static IReadOnlyList<string> Languages { get; } = ["en", "ja", Browser];

    public static UserSettingsForm From(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new UserSettingsForm
        {
            Language = settings.Language ?? Browser,
            RequestDeliveryReceipt = settings.RequestDeliveryReceipt,
            RequestReadReceipt = settings.RequestReadReceipt,
            MdnNotInToOrCc = settings.MdnNotInToOrCc,
            MdnOutsideDomain = settings.MdnOutsideDomain,
            MdnOtherCases = settings.MdnOtherCases,
            MdnOnDeleteUnread = settings.MdnOnDeleteUnread,
            ProcessReceiptsOnArrival = settings.ProcessReceiptsOnArrival,
        };
    }

    public UserSettings ToSettings() => new(
        Language is "en" or "ja" ? Language : null,
        RequestDeliveryReceipt,
        RequestReadReceipt,
        Choice(MdnOtherCases),
        Choice(MdnNotInToOrCc),
        Choice(MdnOutsideDomain),
        MdnOnDeleteUnread,
        ProcessReceiptsOnArrival);

    private static string Choice(string? value) => ReceiptChoices.IsValid(value) ? value! : ReceiptChoices.Ask;
}
