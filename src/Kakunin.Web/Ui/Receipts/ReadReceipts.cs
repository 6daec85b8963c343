using Kakunin.Queue;
using Kakunin.Reports.Receipts;
using Kakunin.Store;
using Kakunin.Store.Settings;
using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Settings;

namespace Kakunin.Web.Ui.Receipts;

/// <summary>
/// The webmail's side of answering read-receipt requests: reads the reader's settings and the organisation's rule,
/// and hands them to <see cref="ReadReceiptResponder"/>, which decides (the reports library's ReceiptDecider),
/// composes the MDN (RFC 8098) and sets $MDNSent in the same commit (RFC 3503), so a request is answered at most once.
/// </summary>
public sealed class ReadReceipts(KakuninStore store, ReadReceiptResponder responder)
{
    /// <summary>
    /// The reader opened the message: sends now when their settings say "always" and nothing calls for consent
    /// (manual-action/MDN-sent-automatically, RFC 8098 §3.2.6.1), or returns Ask with the reasons for the banner.
    /// </summary>
    public async Task<ReceiptResult> OnDisplayedAsync(string user, long messageId, UiLanguage language, CancellationToken cancellationToken) =>
        await responder.OnDisplayedAsync(user, messageId, await SettingsAsync(user, language, cancellationToken), cancellationToken);

    /// <summary>The reader clicked "Send a receipt": manual-action/MDN-sent-manually, unless the rules forbid any receipt.</summary>
    public async Task<ReceiptResult> SendAsync(string user, long messageId, UiLanguage language, CancellationToken cancellationToken) =>
        await responder.SendAsync(user, messageId, await SettingsAsync(user, language, cancellationToken), manual: true, cancellationToken);

    /// <summary>The reader clicked "Don't send": $MDNSent is set, so they are never asked again (RFC 3503).</summary>
    public Task<ReceiptResult> DeclineAsync(string user, long messageId, CancellationToken cancellationToken) =>
        responder.DeclineAsync(user, messageId, cancellationToken);

    /// <summary>
    /// The deleted-unread hook, for the mail pages' Delete: call it <b>before</b> the message is moved to Trash or
    /// removed, for a message that was not \Seen. Sends "deleted" (manual-action/MDN-sent-automatically; RFC 8098
    /// §3.2.6.2) only when the reader turned "deleted without being read" notifications on and their choices allow
    /// it without asking; nobody is asked (§2.1: without consent, no MDN). Never throws for a message that is gone.
    /// </summary>
    public async Task<ReceiptResult> OnDeleteUnreadAsync(string user, long messageId, UiLanguage language, CancellationToken cancellationToken) =>
        await responder.OnDeleteUnreadAsync(user, messageId, await SettingsAsync(user, language, cancellationToken), cancellationToken);

    /// <summary>What the request of a message calls for now, without sending or recording anything.</summary>
    public async Task<ReceiptDecision?> DecideAsync(string user, long messageId, UiLanguage language, CancellationToken cancellationToken) =>
        await responder.DecideAsync(user, messageId, await SettingsAsync(user, language, cancellationToken), ReceiptEvent.Displayed, canPrompt: true, cancellationToken);

    /// <summary>
    /// The decision's inputs from the settings: the reader's three choices and the "deleted" option, the
    /// administrator's rule as <see cref="AdministratorOverride"/>, the server's local domains as the organisation,
    /// and the MDN's language (the reader's saved one, else the page's).
    /// </summary>
    public static ReceiptSettings SettingsFor(UserSettings user, OrganisationSettings organisation, UiLanguage pageLanguage)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(organisation);
        var language = UiLanguages.TryParse(user.Language, out var saved) ? saved : pageLanguage;
        return new ReceiptSettings(
            OrganisationRule.ToPolicy(user), OrganisationRule.ToOverride(organisation.ReadReceiptsOutside), OrganisationDomains: null, language.Tag());
    }

    private async Task<ReceiptSettings> SettingsAsync(string user, UiLanguage language, CancellationToken cancellationToken) =>
        SettingsFor(
            await store.Settings.GetUserAsync(user, cancellationToken),
            await store.Settings.GetOrganisationAsync(cancellationToken),
            language);
}
