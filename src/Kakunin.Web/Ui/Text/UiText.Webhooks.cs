namespace Kakunin.Web.Ui.Text;

// The webhooks settings page (/settings/webhooks) and an endpoint's delivery log (/settings/webhooks/{id}); docs/webhooks.md.
public abstract partial class UiText
{
    public abstract string WebhooksTitle { get; }

    public abstract string WebhooksLead { get; }

    public abstract string WebhooksLink { get; }

    public abstract string WebhooksAddLegend { get; }

    public abstract string WebhooksUrl { get; }

    public abstract string WebhooksUrlHint { get; }

    public abstract string WebhooksTypes { get; }

    public abstract string WebhooksAdd { get; }

    public abstract string WebhooksNone { get; }

    public abstract string WebhooksSecret { get; }

    /// <summary>Shown once after adding: the secret and what it is for.</summary>
    public abstract string WebhooksSecretHint { get; }

    public abstract string WebhooksEnabled { get; }

    public abstract string WebhooksDisabled(string reason);

    public abstract string WebhooksDelete { get; }

    public abstract string WebhooksReEnable { get; }

    public abstract string WebhooksLog { get; }

    public abstract string WebhooksNoDeliveries { get; }

    public abstract string WebhooksEvent { get; }

    public abstract string WebhooksState { get; }

    public abstract string WebhooksAttempts { get; }

    public abstract string WebhooksLastStatus { get; }

    public abstract string WebhooksLastResponse { get; }

    public abstract string WebhooksLastAttempt { get; }

    public abstract string WebhooksResend { get; }

    public abstract string WebhooksNoAnswer { get; }

    public abstract string WebhooksTypesRequired { get; }

    /// <summary>A delivery's state word (pending, delivered, failed) in words.</summary>
    public abstract string WebhooksDeliveryState(string state);

    private sealed partial class English
    {
        public override string WebhooksTitle => "Webhooks";

        public override string WebhooksLead => "Kakunin POSTs each tracking event of the mail you send to your URL, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). Failed deliveries are retried for 3 days.";

        public override string WebhooksLink => "Webhooks";

        public override string WebhooksAddLegend => "Add an endpoint";

        public override string WebhooksUrl => "URL";

        public override string WebhooksUrlHint => "https:// recommended. Private and loopback addresses are refused unless the administrator allows them.";

        public override string WebhooksTypes => "Events";

        public override string WebhooksAdd => "Add endpoint";

        public override string WebhooksNone => "No endpoints yet.";

        public override string WebhooksSecret => "Signing secret";

        public override string WebhooksSecretHint => "Verify every request with this secret (any Standard Webhooks library does it).";

        public override string WebhooksEnabled => "Enabled";

        public override string WebhooksDisabled(string reason) => "Disabled: " + reason;

        public override string WebhooksDelete => "Delete";

        public override string WebhooksReEnable => "Re-enable";

        public override string WebhooksLog => "Delivery log";

        public override string WebhooksNoDeliveries => "Nothing sent to this endpoint yet.";

        public override string WebhooksEvent => "Event";

        public override string WebhooksState => "State";

        public override string WebhooksAttempts => "Attempts";

        public override string WebhooksLastStatus => "Last status";

        public override string WebhooksLastResponse => "Last response";

        public override string WebhooksLastAttempt => "Last attempt";

        public override string WebhooksResend => "Resend";

        public override string WebhooksNoAnswer => "no answer";

        public override string WebhooksTypesRequired => "Choose at least one event.";

        public override string WebhooksDeliveryState(string state) => state switch
        {
            "delivered" => "Delivered",
            "failed" => "Failed",
            _ => "Pending",
        };
    }

    private sealed partial class Japanese
    {
        public override string WebhooksTitle => "Webhooks";

        public override string WebhooksLead => "送信したメールの追跡イベントを、Standard Webhooks 形式の署名（webhook-id、webhook-timestamp、webhook-signature）付きで指定の URL に POST します。届かなかった場合は 3 日間再送します。";

        public override string WebhooksLink => "Webhooks";

        public override string WebhooksAddLegend => "エンドポイントを追加";

        public override string WebhooksUrl => "URL";

        public override string WebhooksUrlHint => "https:// を推奨します。プライベートアドレスやループバックアドレスは、管理者が許可しない限り使えません。";

        public override string WebhooksTypes => "イベント";

        public override string WebhooksAdd => "追加";

        public override string WebhooksNone => "エンドポイントはまだありません。";

        public override string WebhooksSecret => "署名シークレット";

        public override string WebhooksSecretHint => "受信した各リクエストをこのシークレットで検証してください（Standard Webhooks のライブラリで検証できます）。";

        public override string WebhooksEnabled => "有効";

        public override string WebhooksDisabled(string reason) => "無効: " + reason;

        public override string WebhooksDelete => "削除";

        public override string WebhooksReEnable => "再有効化";

        public override string WebhooksLog => "配信ログ";

        public override string WebhooksNoDeliveries => "このエンドポイントにはまだ何も送っていません。";

        public override string WebhooksEvent => "イベント";

        public override string WebhooksState => "状態";

        public override string WebhooksAttempts => "試行回数";

        public override string WebhooksLastStatus => "最後のステータス";

        public override string WebhooksLastResponse => "最後の応答";

        public override string WebhooksLastAttempt => "最後の試行";

        public override string WebhooksResend => "再送";

        public override string WebhooksNoAnswer => "応答なし";

        public override string WebhooksTypesRequired => "イベントを 1 つ以上選んでください。";

        public override string WebhooksDeliveryState(string state) => state switch
        {
            "delivered" => "配信済み",
            "failed" => "失敗",
            _ => "配信待ち",
        };
    }
}
