namespace Kakunin.Mail.Compose;

/// <summary>How a new message starts from one already received.</summary>
public enum ReplyKind
{
    /// <summary>To the sender (Reply-To when given, else From).</summary>
    Reply,

    /// <summary>To the sender and everyone else in To and Cc, except ourselves.</summary>
    ReplyAll,

    /// <summary>To someone new, with the original's text and attachments.</summary>
    Forward,
}
