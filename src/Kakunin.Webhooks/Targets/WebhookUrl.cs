using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Webhooks.Targets;

/// <summary>
/// The URL check when an endpoint is added: absolute http or https, a host, no user information (a password would be
/// sent in the clear to logs), at most 2,000 characters. Where it points is judged at each connection
/// (<see cref="GuardedConnector"/>), since a name can change what it resolves to.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    /// <summary>The URL, or the reason it is refused.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? reason)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            reason = "A webhook URL is required, at most 2000 characters.";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            reason = "A webhook URL must be an absolute http:// or https:// URL.";
            return false;
        }

        if (string.IsNullOrEmpty(parsed.Host) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            reason = "A webhook URL needs a host and no user name or password.";
            return false;
        }

        url = parsed;
        reason = null;
        return true;
    }
}
