namespace Kakunin.Mail.Compose;

/// <summary>Who sends: the signed-in user's address and, optionally, a display name.</summary>
public sealed record Sender(string Address, string? DisplayName = null);
