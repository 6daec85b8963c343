namespace Kakunin.Web.Ui.Text;

// The address book (/contacts, /contacts/new, /contacts/{id}) and the suggestions in To, Cc and Bcc (issue 16 item 3).
public abstract partial class UiText
{
    public abstract string ContactsTitle { get; }

    public abstract string ContactsIntro { get; }

    public abstract string ContactsSearchLabel { get; }

    public abstract string ContactsSearchButton { get; }

    public abstract string ContactsShowAll { get; }

    public abstract string ContactsNew { get; }

    public abstract string ContactsNone { get; }

    public abstract string ContactsNoMatch(string query);

    public abstract string ContactsShowing(int shown, long total);

    public abstract string ContactsColumnName { get; }

    public abstract string ContactsColumnAddress { get; }

    public abstract string ContactsColumnKind { get; }

    public abstract string ContactsColumnUsed { get; }

    public abstract string ContactsColumnActions { get; }

    public abstract string ContactSaved { get; }

    public abstract string ContactCollected { get; }

    public abstract string ContactCollectedHint { get; }

    public abstract string ContactTimesUsed(long times);

    public abstract string ContactNeverUsed { get; }

    public abstract string ContactEdit { get; }

    public abstract string ContactKeep { get; }

    public abstract string ContactForget { get; }

    public abstract string ContactDelete { get; }

    public abstract string ContactAddedNotice { get; }

    public abstract string ContactUpdatedNotice { get; }

    public abstract string ContactDeletedNotice { get; }

    public abstract string ContactKeptNotice { get; }

    public abstract string ContactForgottenNotice { get; }

    public abstract string ContactNewTitle { get; }

    public abstract string ContactEditTitle { get; }

    public abstract string ContactNameLabel { get; }

    public abstract string ContactNameHint { get; }

    public abstract string ContactAddressLabel { get; }

    public abstract string ContactSaveButton { get; }

    public abstract string ContactCancel { get; }

    public abstract string ContactDeleteButton { get; }

    public abstract string ContactAddressEmpty { get; }

    public abstract string ContactAddressNoAt { get; }

    public abstract string ContactAddressNotOne { get; }

    public abstract string ContactAddressTooLong(int max);

    public abstract string ContactAddressControl { get; }

    public abstract string ContactAddressTaken { get; }

    public abstract string ContactNameTooLong(int max);

    public abstract string ContactNameControl { get; }

    /// <summary>Said by screen readers when the suggestion list opens with one suggestion (a polite live region).</summary>
    public abstract string ContactSuggestionOne { get; }

    /// <summary>The same for several; the script puts the number in place of <paramref name="count"/> ("{count}").</summary>
    public abstract string ContactSuggestionMany(string count);

    public abstract string ContactSuggestionsLabel { get; }

    private sealed partial class English
    {
        public override string ContactsTitle => "Contacts";

        public override string ContactsIntro => "The people you save here and the people you write to are suggested as you type in To, Cc and Bcc.";

        public override string ContactsSearchLabel => "Search contacts";

        public override string ContactsSearchButton => "Search";

        public override string ContactsShowAll => "Show all";

        public override string ContactsNew => "New contact";

        public override string ContactsNone => "No contacts yet. Add one, or just send a message: the people you write to are collected here.";

        public override string ContactsNoMatch(string query) => $"No contact matches “{query}”.";

        public override string ContactsShowing(int shown, long total) => $"Showing {shown:N0} of {total:N0}. Search to find the others.";

        public override string ContactsColumnName => "Name";

        public override string ContactsColumnAddress => "Address";

        public override string ContactsColumnKind => "Kind";

        public override string ContactsColumnUsed => "Written to";

        public override string ContactsColumnActions => "Actions";

        public override string ContactSaved => "Saved";

        public override string ContactCollected => "Collected";

        public override string ContactCollectedHint => "Collected from mail you sent. Save it to keep it, or forget it.";

        public override string ContactTimesUsed(long times) => times == 1 ? "Once" : $"{times:N0} times";

        public override string ContactNeverUsed => "Not yet";

        public override string ContactEdit => "Edit";

        public override string ContactKeep => "Save";

        public override string ContactForget => "Forget";

        public override string ContactDelete => "Delete";

        public override string ContactAddedNotice => "Contact saved.";

        public override string ContactUpdatedNotice => "Contact updated.";

        public override string ContactDeletedNotice => "Contact deleted.";

        public override string ContactKeptNotice => "Saved to your contacts.";

        public override string ContactForgottenNotice => "Forgotten. It comes back if you write to it again.";

        public override string ContactNewTitle => "New contact";

        public override string ContactEditTitle => "Edit contact";

        public override string ContactNameLabel => "Name";

        public override string ContactNameHint => "Optional. It is written before the address in To, as in “Dana Scully <dana@example.com>”.";

        public override string ContactAddressLabel => "Email address";

        public override string ContactSaveButton => "Save contact";

        public override string ContactCancel => "Cancel";

        public override string ContactDeleteButton => "Delete contact";

        public override string ContactAddressEmpty => "Enter an email address.";

        public override string ContactAddressNoAt => "An email address needs an @ between the name of the mailbox and the domain, as in dana@example.com.";

        public override string ContactAddressNotOne => "Enter one address alone, as in dana@example.com: no spaces, commas, quotes or angle brackets. The name has its own field.";

        public override string ContactAddressTooLong(int max) => $"An email address can have at most {max} characters.";

        public override string ContactAddressControl => "An email address cannot contain line breaks or other control characters.";

        public override string ContactAddressTaken => "This address is already in your contacts.";

        public override string ContactNameTooLong(int max) => $"A name can have at most {max} characters.";

        public override string ContactNameControl => "A name cannot contain line breaks or other control characters.";

        public override string ContactSuggestionOne => "1 suggestion. Up and down arrows to choose, Enter to accept.";

        public override string ContactSuggestionMany(string count) => $"{count} suggestions. Up and down arrows to choose, Enter to accept.";

        public override string ContactSuggestionsLabel => "Suggested contacts";
    }

    private sealed partial class Japanese
    {
        public override string ContactsTitle => "連絡先";

        public override string ContactsIntro => "ここに保存した人と、メールを送った相手は、宛先・CC・BCC の入力中に候補として表示されます。";

        public override string ContactsSearchLabel => "連絡先を検索";

        public override string ContactsSearchButton => "検索";

        public override string ContactsShowAll => "すべて表示";

        public override string ContactsNew => "新しい連絡先";

        public override string ContactsNone => "連絡先はまだありません。追加するか、メールを送信してください。送信した相手はここに自動で集められます。";

        public override string ContactsNoMatch(string query) => $"「{query}」に一致する連絡先はありません。";

        public override string ContactsShowing(int shown, long total) => $"{total:N0} 件中 {shown:N0} 件を表示しています。ほかの連絡先は検索で探せます。";

        public override string ContactsColumnName => "名前";

        public override string ContactsColumnAddress => "アドレス";

        public override string ContactsColumnKind => "種類";

        public override string ContactsColumnUsed => "送信回数";

        public override string ContactsColumnActions => "操作";

        public override string ContactSaved => "保存済み";

        public override string ContactCollected => "自動収集";

        public override string ContactCollectedHint => "送信したメールから自動で集めた連絡先です。保存するか、削除してください。";

        public override string ContactTimesUsed(long times) => $"{times:N0} 回";

        public override string ContactNeverUsed => "まだありません";

        public override string ContactEdit => "編集";

        public override string ContactKeep => "保存";

        public override string ContactForget => "候補から削除";

        public override string ContactDelete => "削除";

        public override string ContactAddedNotice => "連絡先を保存しました。";

        public override string ContactUpdatedNotice => "連絡先を更新しました。";

        public override string ContactDeletedNotice => "連絡先を削除しました。";

        public override string ContactKeptNotice => "連絡先に保存しました。";

        public override string ContactForgottenNotice => "候補から削除しました。再びこの相手に送信すると、また集められます。";

        public override string ContactNewTitle => "新しい連絡先";

        public override string ContactEditTitle => "連絡先を編集";

        public override string ContactNameLabel => "名前";

        public override string ContactNameHint => "省略できます。宛先ではアドレスの前に「山田 太郎 <taro@example.jp>」のように書かれます。";

        public override string ContactAddressLabel => "メールアドレス";

        public override string ContactSaveButton => "連絡先を保存";

        public override string ContactCancel => "キャンセル";

        public override string ContactDeleteButton => "連絡先を削除";

        public override string ContactAddressEmpty => "メールアドレスを入力してください。";

        public override string ContactAddressNoAt => "メールアドレスには、taro@example.jp のように、名前とドメインの間に @ が必要です。";

        public override string ContactAddressNotOne => "taro@example.jp のように、アドレスを 1 つだけ入力してください。空白・カンマ・引用符・山かっこは使えません。名前は名前の欄に入力します。";

        public override string ContactAddressTooLong(int max) => $"メールアドレスは {max} 文字以内で入力してください。";

        public override string ContactAddressControl => "メールアドレスに改行や制御文字を含めることはできません。";

        public override string ContactAddressTaken => "このアドレスはすでに連絡先にあります。";

        public override string ContactNameTooLong(int max) => $"名前は {max} 文字以内で入力してください。";

        public override string ContactNameControl => "名前に改行や制御文字を含めることはできません。";

        public override string ContactSuggestionOne => "候補が 1 件あります。上下の矢印キーで選び、Enter キーで決定します。";

        public override string ContactSuggestionMany(string count) => $"候補が {count} 件あります。上下の矢印キーで選び、Enter キーで決定します。";

        public override string ContactSuggestionsLabel => "連絡先の候補";
    }
}
