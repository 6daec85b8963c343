using Kakunin.Reports.Receipts;
using Kakunin.Store.Settings;

namespace Kakunin.Web.Ui.Settings;

/// <summary>The administrator's rule as stored (Store/Settings/OutsideReceipts) and as the read-receipt decision takes it.</summary>
public static class OrganisationRule
{
    public static IReadOnlyList<string> All { get; } =
        [OutsideReceipts.Allow, OutsideReceipts.AlwaysAsk, OutsideReceipts.Never, OutsideReceipts.Disabled];

    /// <summary>
    /// allow → none; always-ask → <see cref="AdministratorOverride.AlwaysAsk"/>; never →
    /// <see cref="AdministratorOverride.NeverOutsideOrganisation"/>; disabled → <see cref="AdministratorOverride.Disabled"/>.
    /// An unknown word is read as the strictest rule (disabled): a receipt that should not have gone cannot be recalled.
    /// </summary>
    public static AdministratorOverride ToOverride(string? rule) => rule switch
    {
        OutsideReceipts.Allow => AdministratorOverride.None,
        OutsideReceipts.AlwaysAsk => AdministratorOverride.AlwaysAsk,
        OutsideReceipts.Never => AdministratorOverride.NeverOutsideOrganisation,
        _ => AdministratorOverride.Disabled,
    };

    /// <summary>A stored read-receipt choice as the reports library's <see cref="ReceiptChoice"/>; unknown is Ask.</summary>
    public static ReceiptChoice ToChoice(string? choice) => choice switch
    {
        ReceiptChoices.Always => ReceiptChoice.Always,
        ReceiptChoices.Never => ReceiptChoice.Never,
        _ => ReceiptChoice.Ask,
    };

    /// <summary>The reader's policy from their settings (RFC 8098 §2.1 consent: the stored default is ask).</summary>
    public static ReceiptPolicy ToPolicy(UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ReceiptPolicy(
            ToChoice(settings.MdnNotInToOrCc), ToChoice(settings.MdnOutsideDomain), ToChoice(settings.MdnOtherCases), settings.MdnOnDeleteUnread);
    }
}
