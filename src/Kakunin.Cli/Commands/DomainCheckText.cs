using Kakunin.Authentication.Publishing;

namespace Kakunin.Cli.Commands;

/// <summary>The words of <c>kakunin domain dns</c> and <c>kakunin domain check</c>, in English and Japanese.</summary>
internal sealed class DomainCheckText(bool japanese)
{
    public string Heading(string domain) => japanese
        ? $"; {domain} に公開する DNS レコード (ゾーンファイル形式)"
        : $"; DNS records to publish for {domain} (zone-file format)";

    public string Purpose(DomainRecord r) => (r.Kind, japanese) switch
    {
        (RecordKind.Mx, false) => "MX: where mail for the domain is delivered",
        (RecordKind.Mx, true) => "MX: このドメイン宛てのメールの配送先",
        (RecordKind.Spf, false) => $"SPF: the hosts that may send as {r.Name}",
        (RecordKind.Spf, true) => $"SPF: {r.Name} として送信してよいホスト",
        (RecordKind.Dkim, false) => $"DKIM: public key of selector {r.Selector} ({State(r.KeyState)})",
        (RecordKind.Dkim, true) => $"DKIM: セレクタ {r.Selector} の公開鍵 ({State(r.KeyState)})",
        (RecordKind.Dmarc, false) => "DMARC: what receivers do with mail that fails SPF and DKIM",
        (RecordKind.Dmarc, true) => "DMARC: SPF と DKIM に失敗したメールを受信側がどう扱うか",
        (RecordKind.MtaSts, false) => "MTA-STS (optional): also needs the policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt",
        (RecordKind.MtaSts, true) => "MTA-STS (任意): https://mta-sts.ドメイン/.well-known/mta-sts.txt のポリシーも必要",
        (RecordKind.TlsRpt, false) => "TLS-RPT (optional): where TLS failure reports are sent",
        (RecordKind.TlsRpt, true) => "TLS-RPT (任意): TLS 失敗レポートの送り先",
        _ => r.Kind.ToString(),
    };

    public string State(string? state) => (state, japanese) switch
    {
        ("active", false) => "signing now",
        ("active", true) => "署名に使用中",
        ("published-next", false) => "next key: publish now, signs after the rotation",
        ("published-next", true) => "次の鍵: 今すぐ公開。切り替え後に署名に使用",
        ("retired", false) => "retired: keep published so older mail still verifies",
        ("retired", true) => "退役: 以前のメールを検証できるよう公開を続ける",
        _ => state ?? string.Empty,
    };

    public string Mark(RecordFinding f) => f.Problem switch
    {
        RecordProblem.None => "OK",
        RecordProblem.OptionalMissing => japanese ? "任意" : "OPTIONAL",
        RecordProblem.Missing => japanese ? "未設定" : "MISSING",
        RecordProblem.LookupFailed => japanese ? "不明" : "UNKNOWN",
        _ => japanese ? "誤り" : "WRONG",
    };

    public string Explain(RecordFinding f)
    {
        var what = $"{f.Expected.Type} {f.Expected.Name}";
        return (f.Problem, japanese) switch
        {
            (RecordProblem.None, false) => $"{what}: published as needed",
            (RecordProblem.None, true) => $"{what}: 正しく公開されています",
            (RecordProblem.Missing, false) => $"{what}: not published. Publish: {f.Expected.ToZoneLine()}",
            (RecordProblem.Missing, true) => $"{what}: 公開されていません。次を公開してください: {f.Expected.ToZoneLine()}",
            (RecordProblem.OptionalMissing, false) => $"{what}: not published (optional)",
            (RecordProblem.OptionalMissing, true) => $"{what}: 公開されていません (任意)",
            (RecordProblem.LookupFailed, false) => $"{what}: the DNS did not answer ({f.Detail}); try again",
            (RecordProblem.LookupFailed, true) => $"{what}: DNS が応答しませんでした ({f.Detail})。もう一度試してください",
            (RecordProblem.MxElsewhere, false) => $"{what}: points to {Found(f)}, not to this server ({f.Expected.Value})",
            (RecordProblem.MxElsewhere, true) => $"{what}: {Found(f)} を指しており、このサーバー ({f.Expected.Value}) ではありません",
            (RecordProblem.NullMx, false) => $"{what}: a null MX says the domain receives no mail (RFC 7505)",
            (RecordProblem.NullMx, true) => $"{what}: null MX のため、このドメインはメールを受け取らないと宣言しています (RFC 7505)",
            (RecordProblem.SpfMultiple, false) => $"{what}: {f.Found.Count} SPF records; receivers treat that as an error (RFC 7208 §4.5). Keep one",
            (RecordProblem.SpfMultiple, true) => $"{what}: SPF レコードが {f.Found.Count} 件あり、受信側ではエラーになります (RFC 7208 §4.5)。1 件にしてください",
            (RecordProblem.SpfAllowsAll, false) => $"{what}: \"{f.Found[0]}\" lets any host send as this domain. Use {f.Expected.Value}",
            (RecordProblem.SpfAllowsAll, true) => $"{what}: \"{f.Found[0]}\" はどのホストにもこのドメインとしての送信を許します。{f.Expected.Value} にしてください",
            (RecordProblem.DkimWrongKey, false) => $"{what}: publishes a different key than the one this server signs with; mail will fail DKIM. Publish: {f.Expected.ToZoneLine()}",
            (RecordProblem.DkimWrongKey, true) => $"{what}: このサーバーが署名に使う鍵と異なる鍵が公開されており、DKIM 検証に失敗します。次を公開してください: {f.Expected.ToZoneLine()}",
            (RecordProblem.DkimRevoked, false) => $"{what}: the key is empty (revoked). Publish: {f.Expected.ToZoneLine()}",
            (RecordProblem.DkimRevoked, true) => $"{what}: 鍵が空です (失効)。次を公開してください: {f.Expected.ToZoneLine()}",
            (RecordProblem.DmarcMultiple, false) => $"{what}: {f.Found.Count} DMARC records; receivers then apply none (RFC 7489 §6.6.3). Keep one",
            (RecordProblem.DmarcMultiple, true) => $"{what}: DMARC レコードが {f.Found.Count} 件あり、受信側はどれも適用しません (RFC 7489 §6.6.3)。1 件にしてください",
            (RecordProblem.DmarcNoPolicy, false) => $"{what}: no valid p= (none, quarantine or reject). Use: {f.Expected.Value}",
            (RecordProblem.DmarcNoPolicy, true) => $"{what}: 有効な p= (none, quarantine, reject) がありません。次を使ってください: {f.Expected.Value}",
            _ => what,
        };
    }

    public string Summary(int toFix) => (toFix, japanese) switch
    {
        (0, false) => "Everything needed is published.",
        (0, true) => "必要なレコードはすべて公開されています。",
        (_, false) => $"{toFix} record(s) to fix.",
        (_, true) => $"修正が必要なレコード: {toFix} 件",
    };

    private static string Found(RecordFinding f) => string.Join(", ", f.Found);
}
