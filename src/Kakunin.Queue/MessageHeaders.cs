using MimeKit;

namespace Kakunin.Queue;

/// <summary>Reads the Message-ID and Subject of a submitted message for its tracking record.</summary>
internal static class MessageHeaders
{
    public static (string? MessageId, string? Subject) Read(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
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
