namespace Kakunin.Testing.Transcripts;

/// <summary>How the client's bytes reach the server: all at once, one transcript line at a time, one byte at a time.</summary>
public enum TranscriptSplit
{
    Whole,
    Lines,
    Bytes,
}
