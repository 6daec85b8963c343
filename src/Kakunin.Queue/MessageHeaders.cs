using MimeKit;

namespace Kakunin.Queue;

/// <summary>Reads the Message-ID and Subject of a submitted message for its tracking record.</summary>
internal static class MessageHeaders
{
    public static (string? MessageId, string? Subject) Read(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
                ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(content.ToArray(), writable: false);
            var headers = HeaderList.Load(stream);
            var id = headers[HeaderId.MessageId]?.Trim();
            if (id is not null && id.StartsWith('<') && id.EndsWith('>'))
            {
                id = id[1..^1];
            }

            return (string.IsNullOrEmpty(id) ? null : id, headers[HeaderId.Subject]?.Trim());
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
