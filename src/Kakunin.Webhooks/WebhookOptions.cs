namespace Kakunin.Webhooks;

/// <summary>
/// How webhooks are delivered (configuration section <c>Kakunin:Webhooks</c>; docs/webhooks.md). The defaults are
/// the issue's: 10 s per attempt, retries with exponential backoff for 3 days, private targets refused.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Kakunin:Webhooks";

    /// <summary>
    /// Administrator's switch: allow endpoints on loopback, private, link-local, unique-local and other reserved
    /// addresses (Targets.TargetAddressPolicy). Off by default: a user's URL must not reach this host's services.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>One attempt's whole time: connect, send, answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery is retried before it is given up as failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The wait after the first failed attempt; each next wait is <see cref="BackoffFactor"/> times longer.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public double BackoffFactor { get; set; } = 3;

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The disabling rule: an endpoint is disabled when every attempt to it has failed for this long and at least
    /// <see cref="DisableAfterFailures"/> attempts in a row have (the retry window: by then a delivery has failed for good).
    /// </summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    public int DisableAfterFailures { get; set; } = 10;

    /// <summary>Requests in flight to one endpoint at most (a slow receiver holds only its own).</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 4;

    /// <summary>Requests in flight in all.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>How often the outbox is looked at without being woken (retries that fall due, a resend from the CLI).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Several nodes on PostgreSQL (docs/webhooks.md, "Several processes or nodes"): how long a node's claim on a due delivery holds,
    /// on the database's clock, before another node may take it over and post it. After a node dies mid-POST its
    /// deliveries wait this long. It covers one attempt (<see cref="Timeout"/>, 10 s) and the commit of its result with
    /// a wide margin; a node renews what it still holds every <see cref="LeaseRenewal"/>, so a longer attempt (a
    /// <see cref="Timeout"/> set above it) or a slow commit keeps its delivery too. Not used on SQLite.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node moves the expiry of the leases of its attempts still running (PostgreSQL).</summary>
    public TimeSpan LeaseRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// This node's name in the leases it takes (PostgreSQL), for an administrator reading webhook_deliveries. Default:
    /// the machine name, the process id and a random part, so two dispatchers never share one.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>Bytes of a receiver's answer kept in the delivery log.</summary>
    public int ResponseExcerptBytes { get; set; } = 500;

    /// <summary>
    /// For benchmarks: a file to append one line per attempt with the time of each stage (Dispatch.StageLog;
    /// bench/webhooks/webhook-bench reads it). Empty, the default: nothing is timed.
    /// </summary>
    public string? StageLog { get; set; }

    /// <summary>The most lines <see cref="StageLog"/> gets; then nothing more is timed (the benchmark's SMTP phase runs as without it).</summary>
    public long StageLogLines { get; set; } = long.MaxValue;
}
