namespace Kakunin.Mail.Compose;

/// <summary>A file to attach: its name as the person's file had it, its media type, its bytes.</summary>
public sealed record Attachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
