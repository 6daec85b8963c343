namespace Kakunin.Protocol;

/// <summary>
/// The IANA "SMTP Enhanced Status Codes" registry (RFC 5248), as last updated 2024-12-06:
/// class sub-codes, subject sub-codes and every enumerated status code up to X.7.30.
/// Titles are the registry's sample texts; the meanings are Kakunin's own words.
/// </summary>
internal static class EnhancedStatusCodeTable
{
    private const StatusClasses S = StatusClasses.Success;
    private const StatusClasses T = StatusClasses.Transient;
    private const StatusClasses P = StatusClasses.Permanent;
    private const StatusClasses F = StatusClasses.Failure;
    private const StatusClasses A = StatusClasses.Any;

    public static readonly StatusClassInfo[] Classes =
    [
        new(2, "Success", "The action succeeded; the detail may mention changes made on the way.", "処理は成功しました。詳細コードは配送途中の変換などを示すことがあります。"),
        new(4, "Persistent Transient Failure", "A temporary condition stopped the action; trying again later may work.", "一時的な問題により処理できませんでした。後で再試行すれば成功する可能性があります。"),
        new(5, "Permanent Failure", "The action failed and will keep failing unless the message or the destination changes.", "恒久的なエラーです。メッセージか宛先を変えない限り、再送しても成功しません。"),
    ];

    public static readonly StatusSubjectInfo[] Subjects =
    [
        new(0, "Other or Undefined Status", "No further information about the kind of problem is available.", "問題の種類について、これ以上の情報はありません。"),
        new(1, "Addressing Status", "Something about the sender or recipient address, such as its syntax or whether it exists.", "送信者または宛先のアドレス(書式や存在の有無など)に関する状態です。"),
        new(2, "Mailbox Status", "Something about the recipient's mailbox, which does exist.", "宛先のメールボックス(存在はしている)に関する状態です。"),
        new(3, "Mail System Status", "Something about the receiving mail system as a whole.", "受信側のメールシステム全体に関する状態です。"),
        new(4, "Network and Routing Status", "Something about the network or about finding the route to the destination.", "ネットワーク、または宛先への経路の決定に関する状態です。"),
        new(5, "Mail Delivery Protocol Status", "Something about the SMTP exchange itself: commands, syntax or sequence.", "SMTP のやり取りそのもの(コマンド、構文、順序)に関する状態です。"),
        new(6, "Message Content or Media Status", "Something about the content of the message or its conversion.", "メッセージの内容、またはその変換に関する状態です。"),
        new(7, "Security or Policy Status", "Something about security, authentication or the receiver's policy.", "セキュリティ、認証、または受信側のポリシーに関する状態です。"),
    ];

    public static readonly StatusCodeInfo[] Codes =
    [
        // X.0 — RFC 3463 §3.1
        new(0, 0, "Other undefined Status", "Only the class of the outcome is known; there is no more specific code for it.", "結果の分類のみが分かっており、より具体的なコードはありません。", A, "RFC 3463"),

        // X.1 — RFC 3463 §3.2
        new(1, 0, "Other address status", "Something about an address caused this status, with no more specific code.", "アドレスに関する何らかの理由によるものですが、具体的なコードはありません。", A, "RFC 3463"),
        new(1, 1, "Bad destination mailbox address", "The destination mailbox does not exist: the part before the @ is unknown.", "宛先のメールボックスが存在しません(@ より前の部分が不明です)。", F, "RFC 3463"),
        new(1, 2, "Bad destination system address", "The destination domain does not exist or cannot receive mail.", "宛先のドメインが存在しないか、メールを受信できません。", F, "RFC 3463"),
        new(1, 3, "Bad destination mailbox address syntax", "The destination address is not written in valid address syntax.", "宛先アドレスの書式が正しくありません。", F, "RFC 3463"),
        new(1, 4, "Destination mailbox address ambiguous", "The destination address matches more than one mailbox on the receiving system.", "宛先アドレスが受信側の複数のメールボックスに該当し、特定できません。", F, "RFC 3463"),
        new(1, 5, "Destination address valid", "The destination address was accepted as valid.", "宛先アドレスは有効と確認されました。", S, "RFC 3463"),
        new(1, 6, "Destination mailbox has moved, No forwarding address", "The address used to work but no longer receives mail, and no new address is known.", "このアドレスは以前は使われていましたが、現在は受信しておらず、転送先も不明です。", F, "RFC 3463"),
        new(1, 7, "Bad sender's mailbox address syntax", "The sender address is not written in valid address syntax.", "送信者アドレスの書式が正しくありません。", F, "RFC 3463"),
        new(1, 8, "Bad sender's system address", "The sender's domain does not exist or cannot take returned mail.", "送信者のドメインが存在しないか、返送メールを受け取れません。", F, "RFC 3463"),
        new(1, 9, "Message relayed to non-compliant mailer", "The address was valid, but the message went on to a system that cannot report further.", "アドレスは有効でしたが、これ以上の報告ができないシステムへ中継されました。", S, "RFC 3886"),
        new(1, 10, "Recipient address has null MX", "The recipient's domain publishes a null MX, saying it accepts no mail.", "宛先ドメインが null MX を公開しており、メールを受け付けていません。", P, "RFC 7505, RFC 7504"),

        // X.2 — RFC 3463 §3.3
        new(2, 0, "Other or undefined mailbox status", "The mailbox exists, but something about it caused this status.", "メールボックスは存在しますが、それに関する何らかの理由によるものです。", A, "RFC 3463"),
        new(2, 1, "Mailbox disabled, not accepting messages", "The mailbox exists but is switched off for incoming mail.", "メールボックスは存在しますが、受信が停止されています。", F, "RFC 3463"),
        new(2, 2, "Mailbox full", "The recipient's mailbox has reached its storage quota.", "宛先のメールボックスが容量の上限に達しています。", F, "RFC 3463"),
        new(2, 3, "Message length exceeds administrative limit", "The message is larger than this mailbox's own size limit.", "メッセージがこのメールボックス個別のサイズ上限を超えています。", P, "RFC 3463"),
        new(2, 4, "Mailing list expansion problem", "The address is a mailing list that could not be expanded to its members.", "宛先はメーリングリストですが、メンバーへの展開に失敗しました。", F, "RFC 3463"),

        // X.3 — RFC 3463 §3.4
        new(3, 0, "Other or undefined mail system status", "The receiving system normally takes mail, but something about it caused this status.", "受信側システムは通常はメールを受け付けますが、何らかの理由によるものです。", A, "RFC 3463"),
        new(3, 1, "Mail system full", "The receiving system has run out of storage.", "受信側システムの記憶領域が不足しています。", T, "RFC 3463"),
        new(3, 2, "System not accepting network messages", "The receiving host is not taking messages now, for example during maintenance or overload.", "受信側ホストが現在メッセージを受け付けていません(保守や過負荷など)。", F, "RFC 3463, RFC 7504"),
        new(3, 3, "System not capable of selected features", "The receiving system cannot provide a feature the message asked for.", "メッセージが要求した機能に受信側システムが対応していません。", F, "RFC 3463"),
        new(3, 4, "Message too big for system", "The message is larger than the system accepts for any message.", "メッセージがシステム全体のサイズ上限を超えています。", P, "RFC 3463"),
        new(3, 5, "System incorrectly configured", "The receiving system is set up in a way that prevents it from taking this message.", "受信側システムの設定により、このメッセージを受け付けられません。", F, "RFC 3463"),
        new(3, 6, "Requested priority was changed", "The message was accepted, but at a different priority from the one requested.", "メッセージは受け付けられましたが、要求とは異なる優先度で処理されます。", S, "RFC 6710"),

        // X.4 — RFC 3463 §3.5
        new(4, 0, "Other or undefined network or routing status", "A network or routing problem occurred that no more specific code describes.", "ネットワークまたは経路に関する問題が発生しましたが、具体的なコードはありません。", F, "RFC 3463"),
        new(4, 1, "No answer from host", "The next host did not answer the connection attempt.", "接続先のホストが応答しませんでした。", T, "RFC 3463"),
        new(4, 2, "Bad connection", "The connection was made but broke or timed out before the transfer finished.", "接続はできましたが、転送完了前に切断またはタイムアウトしました。", T, "RFC 3463"),
        new(4, 3, "Directory server failure", "A directory service such as DNS could not be reached to route the message.", "DNS などのディレクトリサーバーに問い合わせできず、転送できませんでした。", F, "RFC 3463"),
        new(4, 4, "Unable to route", "No next hop could be found because routing information is missing.", "経路情報が得られず、次の転送先を決定できませんでした。", F, "RFC 3463"),
        new(4, 5, "Mail system congestion", "The mail system is too congested to deliver the message now.", "メールシステムが混雑しているため、現在は配送できません。", T, "RFC 3463"),
        new(4, 6, "Routing loop detected", "The message went round in a loop and was forwarded too many times.", "転送がループし、メッセージが何度も転送されすぎました。", F, "RFC 3463"),
        new(4, 7, "Delivery time expired", "The message was not delivered within the allowed time and has been given up.", "許容された期間内に配送できなかったため、配送を断念しました。", F, "RFC 3463"),

        // X.5 — RFC 3463 §3.6
        new(5, 0, "Other or undefined protocol status", "Something went wrong in the SMTP exchange that no more specific code describes.", "SMTP のやり取りで問題が発生しましたが、具体的なコードはありません。", A, "RFC 3463"),
        new(5, 1, "Invalid command", "A command was sent that is unknown or not allowed at this point.", "不明なコマンド、またはこの時点では使えないコマンドが送られました。", F, "RFC 3463"),
        new(5, 2, "Syntax error", "A command could not be understood because its syntax is wrong.", "コマンドの構文が誤っているため解釈できません。", F, "RFC 3463"),
        new(5, 3, "Too many recipients", "The message names more recipients than can be accepted at once.", "一度に受け付けられる数を超える宛先が指定されました。", F, "RFC 3463"),
        new(5, 4, "Invalid command arguments", "A known command was given arguments or parameters that are invalid.", "コマンドの引数またはパラメーターが無効です。", F, "RFC 3463"),
        new(5, 5, "Wrong protocol version", "The two sides use protocol versions that do not match.", "双方のプロトコルのバージョンが一致しません。", F, "RFC 3463"),
        new(5, 6, "Authentication Exchange line is too long", "A line sent during AUTH was longer than the server can take.", "AUTH の途中で送られた行が、サーバーの受け付けられる長さを超えています。", F, "RFC 4954"),

        // X.6 — RFC 3463 §3.7
        new(6, 0, "Other or undefined media error", "Something about the content prevented delivery, with no more specific code.", "メッセージの内容が原因で配送できませんでしたが、具体的なコードはありません。", F, "RFC 3463"),
        new(6, 1, "Media not supported", "The kind of content in the message is not supported on the way to the recipient.", "メッセージの内容の形式が、配送経路上でサポートされていません。", P, "RFC 3463"),
        new(6, 2, "Conversion required and prohibited", "The content needed converting, but conversion was not allowed.", "内容の変換が必要ですが、変換が禁止されています。", F, "RFC 3463"),
        new(6, 3, "Conversion required but not supported", "The content needed converting, but no host on the way could do it.", "内容の変換が必要ですが、経路上のホストが変換に対応していません。", F, "RFC 3463"),
        new(6, 4, "Conversion with loss performed", "The message was delivered, but converting it lost some of its content.", "メッセージは配送されましたが、変換により内容の一部が失われました。", S | P, "RFC 3463"),
        new(6, 5, "Conversion Failed", "A needed conversion of the content was attempted and failed.", "必要な内容の変換を試みましたが失敗しました。", F, "RFC 3463"),
        new(6, 6, "Message content not available", "The message content could not be fetched from where it was stored.", "メッセージの内容を保管先から取得できませんでした。", F, "RFC 4468"),
        new(6, 7, "Non-ASCII addresses not permitted for that sender/recipient", "An address contains non-ASCII characters, which are not allowed here.", "アドレスに ASCII 以外の文字が含まれていますが、ここでは使用できません。", P, "RFC 6531"),
        new(6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client", "The answer would need UTF-8 text, but the client did not allow UTF-8 replies.", "応答に UTF-8 の文字列が必要ですが、クライアントが UTF-8 の応答を許可していません。", S | P, "RFC 6531"),
        new(6, 9, "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected", "A message with UTF-8 headers cannot reach some recipient, so it is refused.", "UTF-8 ヘッダーを含むメッセージを一部の宛先へ転送できないため、受信を拒否しました。", P, "RFC 6531"),
        new(6, 10, "(duplicate of X.6.8)", "A deprecated duplicate of X.6.8; do not send it.", "X.6.8 と重複するため廃止されたコードです。使用しないでください。", P, "RFC 6531", Deprecated: true),

        // X.7 — RFC 3463 §3.8
        new(7, 0, "Other or undefined security status", "A security or policy matter caused this status, and no more can or may be said.", "セキュリティまたはポリシー上の理由によるものですが、詳細は示されていません。", A, "RFC 3463"),
        new(7, 1, "Delivery not authorized, message refused", "The sender is not allowed to send to this recipient; the message was refused.", "送信者にはこの宛先へ送信する権限がないため、メッセージは拒否されました。", F, "RFC 3463"),
        new(7, 2, "Mailing list expansion prohibited", "The sender is not allowed to send to this mailing list.", "送信者にはこのメーリングリストへ送信する権限がありません。", P, "RFC 3463"),
        new(7, 3, "Security conversion required but not possible", "Delivery needed converting between secure message formats, which could not be done.", "配送にはセキュアメッセージ形式間の変換が必要ですが、変換できませんでした。", P, "RFC 3463"),
        new(7, 4, "Security features not supported", "The message uses security features that the delivery path does not support.", "メッセージが使用するセキュリティ機能に配送経路が対応していません。", P, "RFC 3463"),
        new(7, 5, "Cryptographic failure", "A system could not decrypt or verify the message because a key was missing or bad.", "鍵がない、または無効なため、メッセージを復号・検証できませんでした。", F, "RFC 3463"),
        new(7, 6, "Cryptographic algorithm not supported", "A system could not decrypt or verify the message because it lacks the algorithm.", "必要な暗号アルゴリズムに対応していないため、復号・検証できませんでした。", F, "RFC 3463"),
        new(7, 7, "Message integrity failure", "The message was found to be altered or damaged when checked.", "検証の結果、メッセージが改変または破損していることが分かりました。", A, "RFC 3463"),
        new(7, 8, "Authentication credentials invalid", "Authentication failed because the credentials are wrong or insufficient.", "認証情報が誤っているか不十分なため、認証に失敗しました。", P, "RFC 4954"),
        new(7, 9, "Authentication mechanism is too weak", "The chosen authentication mechanism is weaker than the server allows for this user.", "選択された認証方式は、このユーザーに対してサーバーが許可する強度を満たしていません。", P, "RFC 4954"),
        new(7, 10, "Encryption Needed", "An encrypted connection is needed before this authentication mechanism may be used.", "この認証方式を使うには、先に暗号化された接続が必要です。", P, "RFC 5248"),
        new(7, 11, "Encryption required for requested authentication mechanism", "This authentication mechanism may only be used over an encrypted connection.", "この認証方式は暗号化された接続上でのみ使用できます。", P, "RFC 4954"),
        new(7, 12, "A password transition is needed", "The user must log in once with a plain password before this mechanism will work.", "この認証方式を使う前に、一度平文パスワードでログインする必要があります。", T, "RFC 4954"),
        new(7, 13, "User Account Disabled", "The account authenticated correctly but has been disabled by an administrator.", "認証には成功しましたが、アカウントが管理者により無効化されています。", P, "RFC 5248"),
        new(7, 14, "Trust relationship required", "The submission server needs a configured trust with a third party to fetch the content.", "内容を取得するには、投稿サーバーと第三者サーバーとの信頼関係の設定が必要です。", P, "RFC 5248"),
        new(7, 15, "Priority Level is too low", "The requested priority is below the lowest the server accepts now.", "指定された優先度が、サーバーが現在受け付ける最低値を下回っています。", F, "RFC 6710"),
        new(7, 16, "Message is too big for the specified priority", "The message is too large to be accepted at the requested priority.", "指定された優先度では、このサイズのメッセージは受け付けられません。", F, "RFC 6710"),
        new(7, 17, "Mailbox owner has changed", "The recipient mailbox has changed hands since the date the sender gave (RRVS).", "送信者が指定した日時以降に、宛先メールボックスの所有者が変わりました(RRVS)。", P, "RFC 7293"),
        new(7, 18, "Domain owner has changed", "The recipient's domain has changed hands since the date the sender gave (RRVS).", "送信者が指定した日時以降に、宛先ドメインの所有者が変わりました(RRVS)。", P, "RFC 7293"),
        new(7, 19, "RRVS test cannot be completed", "The receiver cannot check mailbox ownership since the given date, having no record of it.", "記録がないため、指定日時以降の所有者の継続性を確認できません(RRVS)。", P, "RFC 7293"),
        new(7, 20, "No passing DKIM signature found", "The message carries no DKIM signature that verifies.", "検証に成功する DKIM 署名がメッセージにありません。", P, "RFC 7372, RFC 6376"),
        new(7, 21, "No acceptable DKIM signature found", "The message has valid DKIM signatures, but none the receiver accepts.", "有効な DKIM 署名はありますが、受信側が受け入れられるものがありません。", P, "RFC 7372, RFC 6376"),
        new(7, 22, "No valid author-matched DKIM signature found", "No valid DKIM signature belongs to the domain of the From address.", "From アドレスのドメインに一致する有効な DKIM 署名がありません。", P, "RFC 7372, RFC 6376"),
        new(7, 23, "SPF validation failed", "The sending host is not permitted by the sender domain's SPF record.", "送信元ホストが送信者ドメインの SPF レコードで許可されていません。", P, "RFC 7372, RFC 7208"),
        new(7, 24, "SPF validation error", "Checking the sender domain's SPF record ended in an error.", "送信者ドメインの SPF の評価中にエラーが発生しました。", F, "RFC 7372, RFC 7208"),
        new(7, 25, "Reverse DNS validation failed", "The connecting client's IP address did not pass the reverse DNS check.", "接続元 IP アドレスが逆引き DNS の検査に合格しませんでした。", P, "RFC 7372, RFC 7601"),
        new(7, 26, "Multiple authentication checks failed", "The message failed more than one sender authentication check.", "メッセージが複数の送信者認証の検査に失敗しました。", P, "RFC 7372"),
        new(7, 27, "Sender address has null MX", "The sender's domain publishes a null MX, so no bounce could reach it.", "送信者のドメインが null MX を公開しており、エラー通知を返送できません。", P, "RFC 7505"),
        new(7, 28, "Mail flood detected", "The message looks like part of a flood of similar abusive messages.", "同様の迷惑メールの大量送信の一部とみなされました。", F, "draft-levine-mailbomb-header"),
        new(7, 29, "ARC validation failure", "The message's ARC chain did not validate.", "メッセージの ARC チェーンの検証に失敗しました。", P, "RFC 8617"),
        new(7, 30, "REQUIRETLS support required", "The message requires TLS all the way (REQUIRETLS), but the next hop cannot promise it.", "このメッセージは経路全体での TLS(REQUIRETLS)を要求していますが、転送先が対応していません。", P, "RFC 8689"),
    ];
}
