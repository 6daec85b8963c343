namespace Kakunin.Testing.Transcripts;

/// <summary>A server session over in-memory pipes, as a transcript drives it.</summary>
internal interface ITranscriptConnection
{
    /// <summary>The session's loop; ends when the session does.</summary>
    Task Running { get; }

    /// <summary>Sends bytes; false when the server has stopped reading.</summary>
    Task<bool> SendAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>The client closes its side.</summary>
    Task EndInputAsync();

    /// <summary>Reads until the server's output contains <paramref name="marker"/> or, with null, until it ends.</summary>
    Task<string> ReceiveUntilAsync(string? marker);
}
