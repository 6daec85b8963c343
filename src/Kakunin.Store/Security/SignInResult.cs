namespace Kakunin.Store.Security;

/// <summary>The answer of <see cref="PasswordSignIn.SignInAsync"/>.</summary>
/// <param name="Address">The user's normalised address when the password was right, else null.</param>
/// <param name="RetryAfter">Set when the attempt was refused without checking (too many failures): how long the refusal lasts.</param>
public readonly record struct SignInResult(string? Address, TimeSpan? RetryAfter)
{
    public static SignInResult Wrong => default;

    public bool Succeeded => Address is not null;

    public bool IsRefused => RetryAfter is not null;

    public static SignInResult Accepted(string address) => new(address, null);

    public static SignInResult Refused(TimeSpan retryAfter) => new(null, retryAfter);
}
