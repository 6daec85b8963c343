namespace Kakunin.Store.Settings;

/// <summary>The stored words for whether read receipts may leave the organisation (an administrator's choice).</summary>
public static class OutsideReceipts
{
    /// <summary>The user's own policy decides.</summary>
    public const string Allow = "allow";

    /// <summary>Allowed, but only after the reader agrees each time.</summary>
    public const string AlwaysAsk = "always-ask";

    /// <summary>Never to an address outside the organisation.</summary>
    public const string Never = "never";

    /// <summary>No read receipts at all, inside or outside.</summary>
    public const string Disabled = "disabled";

    public static bool IsValid(string? value) => value is Allow or AlwaysAsk or Never or Disabled;
}
