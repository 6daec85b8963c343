using System.Globalization;

namespace Kakunin.Web.Api;

/// <summary>
/// The API's ids: a prefix naming the kind (as Stripe's "ch_…") and the row id, so an id of one kind given where
/// another is wanted is a clear 404, not a look-up of the wrong table. msg_ = tracking_messages.id,
/// rcp_ = tracking_recipients.id, evt_ = tracking_events.id (EVENTS.md).
/// </summary>
public static class ApiIds
{
    public const string Message = "msg_";
    public const string Recipient = "rcp_";
    public const string Event = "evt_";

    public static string Of(string prefix, long id) => prefix + id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string prefix, string? text, out long id)
    {
        id = 0;
        return text is not null && text.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
