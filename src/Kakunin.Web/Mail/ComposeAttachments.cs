using Kakunin.Mail.Compose;
using Kakunin.Mail.Reading;

namespace Kakunin.Web.Mail;

/// <summary>
/// The files a message will carry: those kept from the draft or forwarded message, then the newly chosen ones,
/// within one limit for the total (<see cref="LimitBytes"/>: 25 MB, what the big mail services allow, and
/// comfortably under the 35 MB SIZE that many servers advertise once base64 has grown it by a third).
/// </summary>
public static class ComposeAttachments
{
    public const int LimitMegabytes = 25;

    public const long LimitBytes = LimitMegabytes * 1024L * 1024;

    /// <summary>The largest compose request read at all: big enough to say "too large" rather than fail mid-upload.</summary>
    public const long RequestLimitBytes = 64L * 1024 * 1024;

    /// <summary>The kept files of the message the form names, in their order (the numbering of <see cref="ComposeForm.Keep"/>).</summary>
    public static IReadOnlyList<Attachment> Kept(MimeKit.MimeMessage? source, IEnumerable<int> keep)
    {
        if (source is null)
        {
            return [];
        }

        var wanted = keep.ToHashSet();
        return [.. MessageText.Attachments(source).Where((_, index) => wanted.Contains(index))];
    }

    public static async Task<IReadOnlyList<Attachment>> ReadAsync(IEnumerable<IFormFile> files, CancellationToken cancellationToken)
    {
        var list = new List<Attachment>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, LimitBytes));
            await file.CopyToAsync(buffer, cancellationToken);
            var type = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType;
            list.Add(new Attachment(DownloadName.Clean(file.FileName), type, buffer.ToArray()));
        }

        return list;
    }
}
