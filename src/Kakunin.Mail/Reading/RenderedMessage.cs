namespace Kakunin.Mail.Reading;

/// <summary>A message made safe to show.</summary>
/// <param name="Html">The sanitised HTML body, or null when the message has none (then <see cref="Text"/> is shown).</param>
/// <param name="BlockedRemoteImages">How many remote images (img, CSS url()) were held back; 0 when allowed or none.</param>
public sealed record RenderedMessage(string Text, string? Html, int BlockedRemoteImages, IReadOnlyList<AttachmentInfo> Attachments);
