using Kakunin.Reports.Mdn;

namespace Kakunin.Web.Ui.Text;

// A read receipt's Disposition field (RFC 8098 §3.2.6) in words, in the reader's language whatever language the
// receipt was written in: the disposition type says what happened to the message (§3.2.6.2), the action mode and
// sending mode who did it and who sent the receipt (§3.2.6.1). The raw field is shown only with the report itself.
// The table is in docs/webmail.md ("Read receipts in words").
public abstract partial class UiText
{
    /// <summary>"Opened — receipt sent by the reader"; the "error" modifier adds that the recipient's side reported an error.</summary>
    public string TrackDisposition(Disposition disposition)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        return DispositionSentence(DispositionHappened(disposition.Type), DispositionWho(disposition.ActionMode, disposition.SendingMode), disposition.HasError);
    }

    /// <summary>What happened to the message (§3.2.6.2).</summary>
    protected abstract string DispositionHappened(DispositionType type);

    /// <summary>Who acted and who sent the receipt (§3.2.6.1).</summary>
    protected abstract string DispositionWho(ActionMode action, SendingMode sending);

    protected abstract string DispositionSentence(string happened, string who, bool error);

    /// <summary>The Read column of a recipient when no read receipt was asked for (for screen readers; "—" is shown).</summary>
    public abstract string TrackReadNotRequested { get; }

    private sealed partial class English
    {
        protected override string DispositionHappened(DispositionType type) => type switch
        {
            DispositionType.Deleted => "Deleted without being opened",
            DispositionType.Dispatched => "Forwarded or printed, perhaps without being opened",
            DispositionType.Processed => "Processed by a program, not opened",
            DispositionType.Denied => "Receipt declined",
            _ => "Opened",
        };

        protected override string DispositionWho(ActionMode action, SendingMode sending) => (action, sending) switch
        {
            (ActionMode.ManualAction, SendingMode.SentManually) => "receipt sent by the reader",
            (ActionMode.ManualAction, _) => "receipt sent automatically, as the reader set it up",
            (_, SendingMode.SentAutomatically) => "by the recipient's mail system, without the reader",
            _ => "by the recipient's mail system; the reader sent the receipt",
        };

        protected override string DispositionSentence(string happened, string who, bool error) =>
            error ? $"{happened} — {who} (the recipient's side reported an error)" : $"{happened} — {who}";

        public override string TrackReadNotRequested => "no read receipt requested";
    }

    private sealed partial class Japanese
    {
        protected override string DispositionHappened(DispositionType type) => type switch
        {
            DispositionType.Deleted => "開封されずに削除されました",
            DispositionType.Dispatched => "転送または印刷されました（開封されていない可能性があります）",
            DispositionType.Processed => "プログラムが処理しました（開封されていません）",
            DispositionType.Denied => "開封確認の送信が断られました",
            _ => "開封されました",
        };

        protected override string DispositionWho(ActionMode action, SendingMode sending) => (action, sending) switch
        {
            (ActionMode.ManualAction, SendingMode.SentManually) => "受信者が開封確認を送信",
            (ActionMode.ManualAction, _) => "受信者の設定により開封確認を自動送信",
            (_, SendingMode.SentAutomatically) => "受信者本人ではなくメールシステムが自動で送信",
            _ => "メールシステムが処理し、受信者が開封確認を送信",
        };

        protected override string DispositionSentence(string happened, string who, bool error) =>
            error ? $"{happened}：{who}（受信側でエラーが報告されました）" : $"{happened}：{who}";

        public override string TrackReadNotRequested => "開封確認は要求していません";
    }
}
