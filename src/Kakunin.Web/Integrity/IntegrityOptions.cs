namespace Kakunin.Web.Integrity;

/// <summary>
/// When the store's integrity is checked (section "Kakunin:Integrity"; docs/storage.md): once at start, before the
/// listeners open, and then every <see cref="CheckInterval"/>.
/// </summary>
public sealed class IntegrityOptions
{
    public const string Section = KakuninOptions.Section + ":Integrity";

    /// <summary>
    /// The longest start-up waits for the first check before it opens the listeners (default 30 s: measured, a 390 MB
    /// store takes 0.8 s from the page cache and 6.6 s from a cold disk here). Past it the server starts anyway, the
    /// check goes on in the background, /health says "degraded" until it ends, and mail is accepted meanwhile.
    /// </summary>
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the check runs after the first (default every 6 hours); zero turns the later checks off.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(6);
}
