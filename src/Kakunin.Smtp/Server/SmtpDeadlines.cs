namespace Kakunin.Smtp.Server;

/// <summary>
/// The time limits of one connection (RFC 5321 §4.5.3.2 floors): when each wait for the client must end, taking the
/// session deadline and stress (Postfix <c>${stress?…}</c>) into account. Pure arithmetic on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SmtpDeadlines(SmtpServerOptions options, TimeProvider time, SmtpConnectionSlot slot)
{
    // A timer takes at most ~49.7 days (uint.MaxValue - 1 ms); a longer setting means "practically never".
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(49);

    // Exchange receive connector ConnectionTimeout: the whole connection.
    private readonly DateTimeOffset _sessionEnd = time.GetUtcNow() + Bounded(options.SessionTimeout);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The TLS handshake (Postfix smtpd_starttls_timeout, Kestrel HandshakeTimeout).</summary>
    public TimeSpan Handshake => Wait(slot.Stressed ? options.StressTimeout : options.TlsHandshakeTimeout, DateTimeOffset.MaxValue);

    /// <summary>The end of the whole next command line (Postfix 3.7 smtpd_per_request_deadline).</summary>
    public DateTimeOffset CommandDeadline() => Now + (slot.Stressed ? options.StressTimeout : options.CommandTimeout);

    /// <summary>Per read while content arrives: RFC 5321 §4.5.3.2.5; Postfix smtpd_timeout = ${stress?{10}:{300}}s.</summary>
    public TimeSpan ContentRead => slot.Stressed ? options.StressTimeout : options.DataTimeout;

    /// <summary>
    /// The end of content that began at <paramref name="started"/> with <paramref name="received"/> octets so far: after
    /// the grace, at least MinDataRate octets/s (Postfix 3.7 smtpd_min_data_rate, Kestrel MinRequestBodyDataRate).
    /// </summary>
    public DateTimeOffset ContentDeadline(DateTimeOffset started, long received) => options.MinDataRate <= 0
        ? DateTimeOffset.MaxValue
        : started + options.DataTimeout + TimeSpan.FromSeconds((double)received / options.MinDataRate);

    /// <summary>How long to wait now: the first of <paramref name="wait"/>, <paramref name="deadline"/> and the session's end; never negative.</summary>
    public TimeSpan Wait(TimeSpan wait, DateTimeOffset deadline)
    {
        var end = deadline < _sessionEnd ? deadline : _sessionEnd;
        var left = end - Now;
        var shortest = left < wait ? left : wait;
        return shortest < TimeSpan.Zero ? TimeSpan.Zero : Bounded(shortest);
    }

    /// <summary>A time a timer can take.</summary>
    public static TimeSpan Bounded(TimeSpan wait) => wait > MaxWait ? MaxWait : wait;
}
