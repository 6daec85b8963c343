namespace Kakunin.Store.Settings;

/// <summary>What an administrator decides for everyone (like Gmail's Workspace read-receipt setting).</summary>
/// <param name="ReadReceiptsOutside">One of <see cref="OutsideReceipts"/>.</param>
/// <param name="NewUserDefaults">The settings a user has until they change their own.</param>
public sealed record OrganisationSettings(string ReadReceiptsOutside, UserSettings NewUserDefaults)
{
    /// <summary>
    /// Receipts may go outside, each reader's policy decides (itself "ask" by default), and new users get
    /// <see cref="UserSettings.Default"/>.
    /// </summary>
    public static OrganisationSettings Default { get; } = new(OutsideReceipts.Allow, UserSettings.Default);
}
