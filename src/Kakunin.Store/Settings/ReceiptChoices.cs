namespace Kakunin.Store.Settings;

/// <summary>The stored words for a reader's standing choice on read-receipt requests.</summary>
public static class ReceiptChoices
{
    public const string Ask = "ask";
    public const string Always = "always";
    public const string Never = "never";

    public static bool IsValid(string? value) => value is Ask or Always or Never;
}
