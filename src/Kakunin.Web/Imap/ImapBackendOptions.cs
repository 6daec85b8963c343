namespace Kakunin.Web.Imap;

/// <summary>Settings of <see cref="StoreImapBackend"/>.</summary>
public sealed record ImapBackendOptions
{
    /// <summary>The largest APPEND (RFC 7889 APPENDLIMIT); the SMTP server's default message size limit.</summary>
    public long AppendLimit { get; init; } = 35L * 1024 * 1024;

    /// <summary>
    /// How long after the server filed a submitted message in Sent an APPEND of it to Sent (same Message-ID) is
    /// recognised as the client's copy of it and not stored again (docs/imap-store.md). A client appends right after
    /// sending, or on its next sync: a day covers a laptop closed after sending; a message sent again later with the
    /// same Message-ID (a client resending a draft) is still stored.
    /// </summary>
    public TimeSpan SentDeduplicationWindow { get; init; } = TimeSpan.FromDays(1);
}
