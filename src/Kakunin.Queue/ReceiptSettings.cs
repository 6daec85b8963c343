using Kakunin.Reports.Receipts;

namespace Kakunin.Queue;

/// <summary>
/// What the read-receipt decision needs about the reader besides the message (docs/read-receipts.md): their
/// policy, the administrator's override, the organisation's domains and the language of the MDN text.
/// </summary>
/// <param name="Policy">The reader's three choices and "send when deleted unread" (SettingsRepository's ReceiptPolicy).</param>
/// <param name="Override">What the administrator imposes.</param>
/// <param name="OrganisationDomains">Inside-the-organisation domains; null means this server's local domains.</param>
/// <param name="Language">"en" or "ja": the human-readable part and Subject of the MDN.</param>
public sealed record ReceiptSettings(
    ReceiptPolicy Policy,
    AdministratorOverride Override = AdministratorOverride.None,
    IReadOnlyList<string>? OrganisationDomains = null,
    string Language = "en");
