namespace Kakunin.WebTests.Daily;

/// <summary>
/// The words of issue 16's daily-use pages in one language, written out as a person must read them (not taken from the
/// product's catalogue), so a wrong or missing translation fails.
/// </summary>
public sealed record DailyWords
{
    public required string Settings { get; init; }

    public required string NameAndPassword { get; init; }

    public required string NameLabel { get; init; }

    public required string SaveName { get; init; }

    public required string NameSaved { get; init; }

    public required string DisplayName { get; init; }

    public required string CurrentPassword { get; init; }

    public required string NewPassword { get; init; }

    public required string RepeatPassword { get; init; }

    public required string ChangePassword { get; init; }

    public required string PasswordChanged { get; init; }

    public required string WrongCurrent { get; init; }

    public required string Mismatch { get; init; }

    public required string NotRequested { get; init; }

    /// <summary>manual-action/MDN-sent-manually; displayed (RFC 8098 §3.2.6), as Kakunin's own "Send a receipt" writes it.</summary>
    public required string OpenedSentByReader { get; init; }

    public static DailyWords English { get; } = new()
    {
        Settings = "Settings",
        NameAndPassword = "Name and password",
        NameLabel = "Name shown to recipients",
        SaveName = "Save name",
        NameSaved = "Name saved.",
        DisplayName = "Alice Liddell",
        CurrentPassword = "Current password",
        NewPassword = "New password",
        RepeatPassword = "New password again",
        ChangePassword = "Change password",
        PasswordChanged = "Password changed. Every other session is signed out.",
        WrongCurrent = "The current password is not right.",
        Mismatch = "The two new passwords are not the same.",
        NotRequested = "no read receipt requested",
        OpenedSentByReader = "Opened — receipt sent by the reader",
    };

    public static DailyWords Japanese { get; } = new()
    {
        Settings = "設定",
        NameAndPassword = "名前とパスワード",
        NameLabel = "受信者に表示する名前",
        SaveName = "名前を保存",
        NameSaved = "名前を保存しました。",
        DisplayName = "山田 花子",
        CurrentPassword = "現在のパスワード",
        NewPassword = "新しいパスワード",
        RepeatPassword = "新しいパスワード（確認）",
        ChangePassword = "パスワードを変更",
        PasswordChanged = "パスワードを変更しました。ほかのセッションはすべてサインアウトしました。",
        WrongCurrent = "現在のパスワードが正しくありません。",
        Mismatch = "新しいパスワードが一致しません。",
        NotRequested = "開封確認は要求していません",
        OpenedSentByReader = "開封されました：受信者が開封確認を送信",
    };
}
