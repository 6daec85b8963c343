namespace Kakunin.Authentication.Publishing;

/// <summary>A DKIM key as the DNS should show it: selector, the key record value, and its rotation state.</summary>
public sealed record PublishedKey(string Selector, string Record, string State);
