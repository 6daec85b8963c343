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
    /// Ordinary mail for local recipients is delivered into their mailboxes in the same commit that accepts it (so the
    /// 250 follows a durable delivery, one fsync instead of two); reports, remote recipients and anything that fails
    /// there go through the queue runner as before (docs/queue.md, "Local delivery at acceptance"). On by default.
    /// </summary>
    public bool DeliverLocalAtAcceptance { get; init; } = true;

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

    /// <summary>The most due recipients one fetch takes.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Local deliveries (into mailboxes) at the same time; they never wait for remote ones.</summary>
    public int LocalConcurrency { get; init; } = 16;

    /// <summary>Remote deliveries (SMTP sessions) at the same time, all destinations together (Postfix default_process_limit is 100).</summary>
    public int RemoteConcurrency { get; init; } = 50;

    /// <summary>
    /// Bytes of messages in remote delivery at once (each is held in memory while it is signed and sent): beyond it,
    /// big messages wait for others to finish. One message always may go, whatever its size.
    /// </summary>
    public long RemoteMemoryBudget { get; init; } = 256L * 1024 * 1024;

    /// <summary>A destination's concurrency window at first, and after a restart (Postfix initial_destination_concurrency).</summary>
    public int InitialDestinationConcurrency { get; init; } = 5;

    /// <summary>The most deliveries to one destination at once (Postfix default_destination_concurrency_limit).</summary>
    public int DestinationConcurrencyLimit { get; init; } = 20;

    /// <summary>Jobs one destination may hold waiting in memory; beyond that its mail stays in the queue until there is room.</summary>
    public int DestinationQueueLimit { get; init; } = 100;

    /// <summary>Recipients the scheduler holds in memory on each side (local, remote); more wait in the database.</summary>
    public int MaxActiveRecipients { get; init; } = 2000;

    /// <summary>How long a destination that stopped answering is left alone; its mail is deferred meanwhile (Postfix minimal_backoff_time).</summary>
    public TimeSpan DeadDestinationBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the background loop looks for due recipients.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Several nodes on PostgreSQL: how long a claim on due recipients holds before another node may take them over
    /// (docs/postgresql.md, "The queue across nodes"). It covers one attempt: RFC 5321 §4.5.3.2.6 lets the reply to
    /// the final dot take 10 minutes, so 15, renewed every <see cref="LeaseRenewal"/> while the attempt runs.
    /// Measured on the database's clock. Not used on SQLite.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a node moves the expiry of the leases it is still working under (PostgreSQL).</summary>
    public TimeSpan LeaseRenewal { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// This node's name in the leases it takes (PostgreSQL): for an administrator reading the queue table. Default: the
    /// machine name, the process id and a random part, so two runners never share one.
    /// </summary>
    public string? NodeName { get; init; }

    /// <summary>Alias expansion deeper than this is a loop (5.4.6).</summary>
    public int MaxAliasDepth { get; init; } = 8;

    internal string Postmaster => PostmasterAddress ?? $"postmaster@{HostName}";

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt (1-based).</summary>
    public TimeSpan RetryDelay(int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= RetrySchedule.Count ? RetrySchedule[failedAttempts - 1] : RetryInterval;
}
