namespace Kakunin.Web.Ui.Text;

// The sign-in page and its refusals.
public abstract partial class UiText
{
    public abstract string SignInTitle { get; }

    public abstract string SignInLead { get; }

    public abstract string AddressLabel { get; }

    public abstract string PasswordLabel { get; }

    public abstract string SignInButton { get; }

    public abstract string EnterAddressAndPassword { get; }

    /// <summary>The same words whether the address or the password was wrong: no hint about which users exist.</summary>
    public abstract string WrongAddressOrPassword { get; }

    /// <summary>Too many failed sign-ins for this address or from this network: refused for <paramref name="minutes"/> more.</summary>
    public abstract string TooManySignInAttempts(int minutes);

    private sealed partial class English
    {
        public override string SignInTitle => "Sign in";

        public override string SignInLead => "Sign in to your mailbox.";

        public override string AddressLabel => "Email address";

        public override string PasswordLabel => "Password";

        public override string SignInButton => "Sign in";

        public override string EnterAddressAndPassword => "Enter your email address and password.";

        public override string WrongAddressOrPassword => "Wrong address or password.";

        public override string TooManySignInAttempts(int minutes) =>
            minutes <= 1
                ? "Too many failed sign-in attempts for this address or from your network. Wait a minute, then try again."
                : $"Too many failed sign-in attempts for this address or from your network. Wait {minutes} minutes, then try again.";
    }

    private sealed partial class Japanese
    {
        public override string SignInTitle => "サインイン";

        public override string SignInLead => "メールボックスにサインインします。";

        public override string AddressLabel => "メールアドレス";

        public override string PasswordLabel => "パスワード";

        public override string SignInButton => "サインイン";

        public override string EnterAddressAndPassword => "メールアドレスとパスワードを入力してください。";

        public override string WrongAddressOrPassword => "メールアドレスまたはパスワードが違います。";

        public override string TooManySignInAttempts(int minutes) =>
            $"このアドレスまたはお使いのネットワークからのサインインの失敗が多すぎます。{Math.Max(minutes, 1)} 分ほど待ってから、もう一度お試しください。";
    }
}
