namespace Kakunin.Mail.Reading;

/// <summary>An attachment as listed under a message.</summary>
/// <param name="Index">Its position among the message's body parts (<see cref="MessageText.FindPart"/>).</param>
public sealed record AttachmentInfo(int Index, string FileName, string ContentType, long Size);
