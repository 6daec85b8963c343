namespace Kakunin.Imap.Protocol;

/// <summary>
/// One whole command as the reader assembled it: its lines joined by CRLF (the final CRLF left out), each literal
/// kept in place after its <c>{n}</c> / <c>{n+}</c> / <c>~{n}</c> marker and CRLF, exactly as it came.
/// </summary>
public sealed record ImapCommandBuffer(ReadOnlyMemory<byte> Bytes);
