namespace Kakunin.Store;

/// <summary>Flags kept on stored messages.</summary>
public static class MessageFlags
{
    public const string Seen = "\\Seen";

    /// <summary>RFC 3503 §3: set once an MDN was sent or declined for the message; never prompt or send again.</summary>
    public const string MdnSent = "$MDNSent";
}
