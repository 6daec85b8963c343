namespace Kakunin.Protocol;

/// <summary>The wire form of <see cref="DsnNotify"/>.</summary>
public static class DsnNotifyText
{
    /// <summary>
    /// RFC 3461 §4.1: "NEVER", or a comma list of SUCCESS, FAILURE, DELAY (written in that order).
    /// <see cref="DsnNotify.None"/> (no NOTIFY given) gives an empty string.
    /// </summary>
    public static string ToParameterValue(this DsnNotify notify)
    {
        if (notify.HasFlag(DsnNotify.Never))
        {
            return "NEVER";
        }

        var parts = new List<string>(3);
        if (notify.HasFlag(DsnNotify.Success))
        {
            parts.Add("SUCCESS");
        }

        if (notify.HasFlag(DsnNotify.Failure))
        {
            parts.Add("FAILURE");
        }

        if (notify.HasFlag(DsnNotify.Delay))
        {
            parts.Add("DELAY");
        }

        return string.Join(',', parts);
    }
}
