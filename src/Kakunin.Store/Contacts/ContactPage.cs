namespace Kakunin.Store.Contacts;

/// <summary>The contacts shown on a page, and how many there are in all (matching the search, when there is one).</summary>
public sealed record ContactPage(IReadOnlyList<Contact> Contacts, long Total);
