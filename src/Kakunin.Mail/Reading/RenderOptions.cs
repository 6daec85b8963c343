namespace Kakunin.Mail.Reading;

/// <summary>How to render a message for the reader.</summary>
/// <param name="AllowRemoteImages">The reader chose "show images" for this message: remote images load (and the sender may learn it was read).</param>
/// <param name="PartUrl">The URL that serves body part N of this message (used for cid: images).</param>
public sealed record RenderOptions(bool AllowRemoteImages, Func<int, string> PartUrl);
