namespace Kakunin.Web.Mail;

/// <summary>
/// The file name offered when an attachment is downloaded: the sender chose it, so it is cleaned — no folders,
/// no control characters, no leading dots (hidden or relative files), at most 150 characters with the extension
/// kept. ASP.NET writes it into Content-Disposition with both filename and filename* (RFC 6266 §4.3).
/// </summary>
public static class DownloadName
{
    public const int MaxLength = 150;

    public const string Fallback = "attachment";

    public static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Fallback;
        }

        var file = name.Replace('\\', '/');
        file = file[(file.LastIndexOf('/') + 1)..];
        var clean = new string([.. file.Where(c => !char.IsControl(c) && c is not ('"' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim().TrimStart('.').Trim();
        if (clean.Length == 0)
        {
            return Fallback;
        }

        if (clean.Length > MaxLength)
        {
            var extension = Path.GetExtension(clean);
            extension = extension.Length is > 0 and <= 16 ? extension : string.Empty;
            clean = clean[..(MaxLength - extension.Length)] + extension;
        }

        return clean;
    }
}
