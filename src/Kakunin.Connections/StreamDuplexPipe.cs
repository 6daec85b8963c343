using System.IO.Pipelines;

namespace Kakunin.Connections;

/// <summary>Pipes over a stream (the <see cref="System.Net.Security.SslStream"/> after STARTTLS).</summary>
public sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
