namespace Kakunin.Mail.Compose;

/// <summary>Where and when a message is composed. Ids may be given (tests); otherwise fresh random ones are made.</summary>
/// <param name="HostName">Our host name, the right side of new Message-IDs.</param>
public sealed record ComposeOptions(string HostName, DateTimeOffset Now, string? MessageId = null, string? EnvelopeId = null);
