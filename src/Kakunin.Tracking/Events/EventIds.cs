using System.Globalization;

namespace Kakunin.Tracking.Events;

/// <summary>
/// The outside ids of tracking rows (EVENTS.md): <c>evt_&lt;tracking_events.id&gt;</c>, <c>msg_&lt;tracking_messages.id&gt;</c>,
/// <c>rcp_&lt;tracking_recipients.id&gt;</c>. An event id is also the cursor of the events feed and the webhook-id of
/// its deliveries, so a receiver can drop a duplicate by it.
/// </summary>
public static class EventIds
{
    public const string EventPrefix = "evt_";
    public const string MessagePrefix = "msg_";
    public const string RecipientPrefix = "rcp_";

    public static string Event(long id) => EventPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static string Message(long id) => MessagePrefix + id.ToString(CultureInfo.InvariantCulture);

    public static string Recipient(long id) => RecipientPrefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>evt_123</c> (or a bare <c>123</c>) as 123; false for anything else.</summary>
    public static bool TryParseEvent(string? text, out long id) => TryParse(text, EventPrefix, out id);

    /// <summary>Reads an id with <paramref name="prefix"/> (or bare digits); false for anything else, or a negative number.</summary>
    public static bool TryParse(string? text, string prefix, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
