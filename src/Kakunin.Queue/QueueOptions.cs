using Kakunin.Authentication;
using Kakunin.Authentication.Dmarc;
using Kakunin.Protocol;

namespace Kakunin.Queue;

/// <summary>Queue settings, with defaults close to Postfix, mox and Stalwart (docs/queue.md).</summary>
public sealed record QueueOptions
{
    /// <summary>This MTA's host name: Reporting-MTA of our DSNs and the domain of MAILER-DAEMON.</summary>
    public required string HostName { get; init; }

    /// <summary>Where the domain-less <c>&lt;Postmaster&gt;</c> goes (RFC 5321 §4.5.1); default postmaster@HostName.</summary>
    public string? PostmasterAddress { get; init; }

    /// <summary>Waits after the 1st, 2nd, … failed attempt: 5m, 10m, 20m, 40m, 1h20m.</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; init; } =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(80)];

    /// <summary>The wait after every later failed attempt.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Give up this long after arrival (Postfix maximal_queue_lifetime, 5 days).</summary>
    public TimeSpan MaximalLifetime { get; init; } = TimeSpan.FromDays(5);

    /// <summary>A delay DSN is due at the first failed attempt this long after arrival (once, only with NOTIFY DELAY).</summary>
    public TimeSpan DelayWarningAfter { get; init; } = TimeSpan.FromHours(4);

    /// <summary>
    /// What an absent NOTIFY means. RFC 3461 §4.1 lets the MTA take it as FAILURE or FAILURE,DELAY; like Postfix we
    /// take FAILURE,DELAY, so ordinary senders hear about long delays too.
    /// </summary>
    public DsnNotify NotifyWhenAbsent { get; init; } = DsnNotify.Failure | DsnNotify.Delay;

    /// <summary>
    /// Backscatter guard: success and delay DSNs go only to authenticated or verified senders (signed in, from a trusted
    /// network, or vouched for by SPF or an aligned DKIM pass in this server's Authentication-Results) unless an
    /// administrator turns this on. Failure DSNs are not affected (unknown local users are refused at RCPT instead).
    /// </summary>
    public bool ReportSuccessAndDelayToUnverifiedSenders { get; init; }

    /// <summary>
    /// Peer MTAs (e.g. the organisation's own Postfix relays) whose inbound mail counts as coming from a verified
    /// sender, so its senders may get success and delay DSNs. Empty by default. This is not a relay permission:
    /// such clients may still only send to local recipients without AUTH.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedNetworks { get; init; } = [];

    /// <summary>Whether <paramref name="address"/> lies in one of <see cref="TrustedNetworks"/>.</summary>
    public bool IsTrusted(System.Net.IPAddress? address)
    {
        if (address is null || TrustedNetworks.Count == 0)
        {
            return false;
        }

        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return TrustedNetworks.Any(n => n.Contains(a));
    }

    /// <summary>
    /// File mail into the recipient's Junk folder (when they have one) when our Authentication-Results says it failed
    /// DMARC under a quarantine or reject policy and was accepted anyway (RFC 7489 §6.6.4; Kakunin:Authentication:DmarcReject).
    /// </summary>
    public bool JunkDmarcFailures { get; init; } = true;

    /// <summary>
    /// Organizational domains (RFC 7489 §3.2) for relaxed alignment: whether a report, or a sender owed a success DSN,
    /// is vouched for. The server wires the full Public Suffix List; the default is its short built-in part.
    /// </summary>
    public IOrganizationalDomains OrganizationalDomains { get; init; } = PublicSuffixList.BuiltIn;

    /// <summary>Language of the human-readable part of our DSNs: en or ja.</summary>
    public string DsnLanguage { get; init; } = "en";

    /// <summary>The most due recipients one pass takes.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How many messages one pass settles at the same time (local deliveries and remote sessions).</summary>
    public int MaxParallelDeliveries { get; init; } = 16;

    /// <summary>How often the background loop looks for due recipients.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Alias expansion deeper than this is a loop (5.4.6).</summary>
    public int MaxAliasDepth { get; init; } = 8;

    internal string Postmaster => PostmasterAddress ?? $"postmaster@{HostName}";

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan RetryDelay(int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= RetrySchedule.Count ? RetrySchedule[failedAttempts - 1] : RetryInterval;
}
