namespace Kakunin.WebTests.Contacts;

/// <summary>What the address book says, per language, as a person reads it (copied from the page, not from UiText).</summary>
public sealed record ContactWords(
    string Contacts,
    string NewContact,
    string Name,
    string Address,
    string SaveContact,
    string Edit,
    string Delete,
    string Save,
    string Forget,
    string Saved,
    string Collected,
    string Added,
    string Updated,
    string Deleted,
    string Kept,
    string Forgotten,
    string NoAt,
    string NotOne,
    string AddressControl,
    string NameControl,
    string NameTooLong,
    string To,
    string Subject,
    string Body,
    string Send)
{
    public static ContactWords For(string locale) => locale.StartsWith("ja", StringComparison.Ordinal) ? Ja : En;

    public static ContactWords En { get; } = new(
        "Contacts", "New contact", "Name", "Email address", "Save contact", "Edit", "Delete", "Save", "Forget", "Saved", "Collected",
        "Contact saved.", "Contact updated.", "Contact deleted.", "Saved to your contacts.", "Forgotten. It comes back if you write to it again.",
        "An email address needs an @ between the name of the mailbox and the domain, as in dana@example.com.",
        "Enter one address alone, as in dana@example.com: no spaces, commas, quotes or angle brackets. The name has its own field.",
        "An email address cannot contain line breaks or other control characters.",
        "A name cannot contain line breaks or other control characters.",
        "A name can have at most 100 characters.",
        "To", "Subject", "Message", "Send");

    public static ContactWords Ja { get; } = new(
        "連絡先", "新しい連絡先", "名前", "メールアドレス", "連絡先を保存", "編集", "削除", "保存", "候補から削除", "保存済み", "自動収集",
        "連絡先を保存しました。", "連絡先を更新しました。", "連絡先を削除しました。", "連絡先に保存しました。", "候補から削除しました。再びこの相手に送信すると、また集められます。",
        "メールアドレスには、taro@example.jp のように、名前とドメインの間に @ が必要です。",
        "taro@example.jp のように、アドレスを 1 つだけ入力してください。空白・カンマ・引用符・山かっこは使えません。名前は名前の欄に入力します。",
        "メールアドレスに改行や制御文字を含めることはできません。",
        "名前に改行や制御文字を含めることはできません。",
        "名前は 100 文字以内で入力してください。",
        "宛先", "件名", "本文", "送信");
}
