using Kakunin.Tracking;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui.Text;

// The Tracking page (/tracking) and a sent message's Tracking tab: delivery and read states in words.
// Failure reasons are in UiText.BounceReasons.cs.
public abstract partial class UiText
{
    /// <summary>The navigation link and the page's title.</summary>
    public abstract string TrackTitle { get; }

    public abstract string TrackLead { get; }

    public abstract string TrackFiltersLabel { get; }

    /// <summary>A filter tab's name; the unread one says after how many days.</summary>
    public abstract string TrackFilter(TrackingFilter filter, int days);

    /// <summary>For screen readers, after a tab's count badge.</summary>
    public abstract string TrackFilterCount(long count);

    public abstract string TrackUnreadAfterLabel { get; }

    public abstract string TrackDaysUnit { get; }

    public abstract string TrackApply { get; }

    public abstract string TrackColSubject { get; }

    public abstract string TrackColRecipient { get; }

    public abstract string TrackColState { get; }

    public abstract string TrackColTime { get; }

    public abstract string TrackColReason { get; }

    public abstract string TrackColDelivery { get; }

    public abstract string TrackColRead { get; }

    public abstract string TrackColEvidence { get; }

    public abstract string TrackColHistory { get; }

    public abstract string TrackEmpty { get; }

    public abstract string TrackNewer { get; }

    public abstract string TrackOlder { get; }

    public abstract string TrackPagingLabel { get; }

    public abstract string TrackNoSubject { get; }

    /// <summary>The caption of a sent message's Tracking tab.</summary>
    public abstract string TrackTabCaption { get; }

    /// <summary>A delivery state in words.</summary>
    public abstract string TrackDelivery(TrackingState word);

    /// <summary>What "relayed" means for the sender: no further confirmation is possible (RFC 3461 §5.2.2).</summary>
    public abstract string TrackRelayedHint { get; }

    public abstract string TrackExpandedHint { get; }

    /// <summary>"retrying until &lt;time&gt;" for a delayed recipient.</summary>
    public abstract IHtmlContent TrackRetryingUntil(IHtmlContent time);

    /// <summary>A read state (an RFC 8098 §3.2.6.2 disposition type) in words; None is "no receipt yet".</summary>
    public abstract string TrackRead(TrackingState? word);

    /// <summary>The short mark beside a state or event: where it came from (this server, a verified report, an unverified one).</summary>
    public abstract string TrackProvenanceMark(Provenance provenance);

    /// <summary>
    /// The sentence a non-expert reads about where a state or event came from. <paramref name="reportedBy"/> is who a
    /// report said it was from; <paramref name="vouchedBy"/> the domain that vouched for an authenticated one.
    /// </summary>
    public abstract string TrackProvenanceSentence(Provenance provenance, string? reportedBy, string? vouchedBy);

    /// <summary>On a report that is evidence in the reader's tracking, before its provenance.</summary>
    public abstract string TrackEvidenceLead { get; }

    /// <summary>Beside the state: an unverified report claimed something else, which changed nothing.</summary>
    public abstract string TrackUnverifiedClaim(string? reportedBy, string claimed);

    /// <summary>For screen readers, in the read column of a recipient that was never delivered.</summary>
    public abstract string TrackNotApplicable { get; }

    /// <summary>"Status 5.1.1".</summary>
    public abstract string TrackStatusCode(string code);

    public abstract string TrackServerSaid { get; }

    public abstract string TrackEvidenceReport { get; }

    public abstract string TrackEvidenceReadReport { get; }

    /// <summary>The evidence is a DSN this server composed itself ("dsn:&lt;queue id&gt;").</summary>
    public abstract string TrackEvidenceOwnDsn { get; }

    /// <summary>The evidence is a remote server's reply: its name.</summary>
    public abstract string TrackEvidenceRemote(string server);

    public abstract string TrackEvidenceGone { get; }

    public abstract string TrackHistory(int events);

    private sealed partial class English
    {
        public override string TrackTitle => "Tracking";

        public override string TrackLead => "What happened to the mail you sent, recipient by recipient.";

        public override string TrackFiltersLabel => "Show";

        public override string TrackFilter(TrackingFilter filter, int days) => filter switch
        {
            TrackingFilter.Failed => "Failed",
            TrackingFilter.Delayed => "Delayed",
            TrackingFilter.Unread => days == 1 ? "Unread after 1 day" : $"Unread after {days} days",
            TrackingFilter.Read => "Read",
            _ => "All",
        };

        public override string TrackFilterCount(long count) => count == 1 ? "1 recipient" : $"{count} recipients";

        public override string TrackUnreadAfterLabel => "Delivered but unread after";

        public override string TrackDaysUnit => "days";

        public override string TrackApply => "Apply";

        public override string TrackColSubject => "Subject";

        public override string TrackColRecipient => "Recipient";

        public override string TrackColState => "State";

        public override string TrackColTime => "When";

        public override string TrackColReason => "Reason";

        public override string TrackColDelivery => "Delivery";

        public override string TrackColRead => "Read";

        public override string TrackColEvidence => "Evidence";

        public override string TrackColHistory => "History";

        public override string TrackEmpty => "Nothing to show here.";

        public override string TrackNewer => "Newer";

        public override string TrackOlder => "Older";

        public override string TrackPagingLabel => "Pages";

        public override string TrackNoSubject => "(no subject)";

        public override string TrackTabCaption => "Delivery and reading, recipient by recipient";

        public override string TrackDelivery(TrackingState word) => word switch
        {
            TrackingState.Queued => "Queued",
            TrackingState.Delayed => "Delayed",
            TrackingState.Relayed => "Relayed",
            TrackingState.Expanded => "Expanded",
            TrackingState.Delivered => "Delivered",
            TrackingState.Failed => "Failed",
            TrackingState.Removed => "Removed from the queue by an administrator",
            _ => "Unknown state",
        };

        public override string TrackRelayedHint => "handed to the next server, which does not confirm delivery";

        public override string TrackExpandedHint => "passed on to the members of a list or alias";

        public override IHtmlContent TrackRetryingUntil(IHtmlContent time) => HtmlText.Join("retrying until ", time);

        public override string TrackRead(TrackingState? word) => word switch
        {
            null => "No receipt yet",
            TrackingState.Displayed => "Read",
            TrackingState.Deleted => "Deleted without being read",
            TrackingState.Dispatched => "Dispatched (forwarded or printed, perhaps unread)",
            TrackingState.Processed => "Processed by a program, not read",
            TrackingState.Denied => "Receipt declined (says nothing of reading)",
            _ => "Unknown receipt",
        };

        public override string TrackProvenanceMark(Provenance provenance) => provenance switch
        {
            Provenance.Local => "✓ this server",
            Provenance.Authenticated => "✓ verified report",
            _ => "⚠ unverified",
        };

        public override string TrackProvenanceSentence(Provenance provenance, string? reportedBy, string? vouchedBy) => provenance switch
        {
            Provenance.Local => "This server saw this itself.",
            Provenance.Authenticated =>
                $"Reported by {reportedBy ?? "another server"}; the report was checked and really comes from {vouchedBy ?? "the recipient's side"}.",
            _ => $"Unverified report from {reportedBy ?? "an unknown sender"}: nobody vouched for it, so it does not change the status.",
        };

        public override string TrackEvidenceLead => "This report is evidence in your tracking.";

        public override string TrackUnverifiedClaim(string? reportedBy, string claimed) =>
            $"An unverified report from {reportedBy ?? "an unknown sender"} says “{claimed}”; the status above stays as this server knows it.";

        public override string TrackNotApplicable => "not delivered";

        public override string TrackStatusCode(string code) => $"Status {code}";

        public override string TrackServerSaid => "The receiving server said";

        public override string TrackEvidenceReport => "Delivery report";

        public override string TrackEvidenceReadReport => "Read receipt";

        public override string TrackEvidenceOwnDsn => "Delivery report sent by this server";

        public override string TrackEvidenceRemote(string server) => $"Reported by {server}";

        public override string TrackEvidenceGone => "The report is no longer in your mailbox";

        public override string TrackHistory(int events) => events == 1 ? "History (1 event)" : $"History ({events} events)";
    }

    private sealed partial class Japanese
    {
        public override string TrackTitle => "追跡";

        public override string TrackLead => "送信したメールが宛先ごとにどうなったかを確認できます。";

        public override string TrackFiltersLabel => "表示";

        public override string TrackFilter(TrackingFilter filter, int days) => filter switch
        {
            TrackingFilter.Failed => "失敗",
            TrackingFilter.Delayed => "遅延",
            TrackingFilter.Unread => $"{days} 日以上未開封",
            TrackingFilter.Read => "開封済み",
            _ => "すべて",
        };

        public override string TrackFilterCount(long count) => $"宛先 {count} 件";

        public override string TrackUnreadAfterLabel => "配信後、未開封のままの日数";

        public override string TrackDaysUnit => "日";

        public override string TrackApply => "適用";

        public override string TrackColSubject => "件名";

        public override string TrackColRecipient => "宛先";

        public override string TrackColState => "状態";

        public override string TrackColTime => "日時";

        public override string TrackColReason => "理由";

        public override string TrackColDelivery => "配信";

        public override string TrackColRead => "開封";

        public override string TrackColEvidence => "根拠";

        public override string TrackColHistory => "履歴";

        public override string TrackEmpty => "該当するものはありません。";

        public override string TrackNewer => "新しいもの";

        public override string TrackOlder => "古いもの";

        public override string TrackPagingLabel => "ページ";

        public override string TrackNoSubject => "（件名なし）";

        public override string TrackTabCaption => "宛先ごとの配信と開封の状況";

        public override string TrackDelivery(TrackingState word) => word switch
        {
            TrackingState.Queued => "送信待ち",
            TrackingState.Delayed => "遅延",
            TrackingState.Relayed => "中継済み",
            TrackingState.Expanded => "展開済み",
            TrackingState.Delivered => "配信済み",
            TrackingState.Failed => "失敗",
            TrackingState.Removed => "管理者がキューから削除",
            _ => "不明な状態",
        };

        public override string TrackRelayedHint => "次のサーバーに引き渡しました。このサーバーは配信を確認しません";

        public override string TrackExpandedHint => "メーリングリストまたはエイリアスのメンバーに転送されました";

        public override IHtmlContent TrackRetryingUntil(IHtmlContent time) => HtmlText.Join(time, " まで再試行します");

        public override string TrackRead(TrackingState? word) => word switch
        {
            null => "開封確認はまだありません",
            TrackingState.Displayed => "開封済み",
            TrackingState.Deleted => "未開封のまま削除",
            TrackingState.Dispatched => "転送または印刷済み（未開封の可能性あり）",
            TrackingState.Processed => "プログラムが処理（未開封）",
            TrackingState.Denied => "開封確認の送信を拒否（開封したかは不明）",
            _ => "不明な開封確認",
        };

        public override string TrackProvenanceMark(Provenance provenance) => provenance switch
        {
            Provenance.Local => "✓ このサーバー",
            Provenance.Authenticated => "✓ 検証済みの報告",
            _ => "⚠ 未検証",
        };

        public override string TrackProvenanceSentence(Provenance provenance, string? reportedBy, string? vouchedBy) => provenance switch
        {
            Provenance.Local => "このサーバー自身が確認した事実です。",
            Provenance.Authenticated =>
                $"{reportedBy ?? "相手側のサーバー"} からの報告です。送信元を検証し、確かに {vouchedBy ?? "受信者側"} から届いたものと確認しました。",
            _ => $"{reportedBy ?? "不明な送信者"} からの未検証の報告です。送信元を確認できないため、状態は変更していません。",
        };

        public override string TrackEvidenceLead => "この報告は送信済みメールの追跡の根拠として記録されています。";

        public override string TrackUnverifiedClaim(string? reportedBy, string claimed) =>
            $"{reportedBy ?? "不明な送信者"} からの未検証の報告は「{claimed}」と伝えていますが、状態はこのサーバーが把握しているとおりのままです。";

        public override string TrackNotApplicable => "配信されていません";

        public override string TrackStatusCode(string code) => $"ステータス {code}";

        public override string TrackServerSaid => "受信側サーバーの応答";

        public override string TrackEvidenceReport => "配信通知";

        public override string TrackEvidenceReadReport => "開封確認";

        public override string TrackEvidenceOwnDsn => "このサーバーが送信した配信通知";

        public override string TrackEvidenceRemote(string server) => $"{server} からの報告";

        public override string TrackEvidenceGone => "通知メッセージはもうメールボックスにありません";

        public override string TrackHistory(int events) => $"履歴（{events} 件）";
    }
}
