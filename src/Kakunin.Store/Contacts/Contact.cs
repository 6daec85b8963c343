namespace Kakunin.Store.Contacts;

/// <summary>One entry of a user's address book.</summary>
/// <param name="Address">The address as the store keys it (domain in lower case).</param>
/// <param name="Name">The display name, or null when none is known.</param>
/// <param name="Saved">Added or kept by the person (true), or only collected from mail they sent (false).</param>
/// <param name="TimesUsed">How many messages the person sent to it (counted from the webmail and the API).</param>
public sealed record Contact(long Id, string Address, string? Name, bool Saved, long TimesUsed, DateTimeOffset? LastUsedAt, DateTimeOffset CreatedAt);
