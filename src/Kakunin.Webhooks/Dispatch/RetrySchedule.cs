namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// When a failed delivery is tried again: after <see cref="WebhookOptions.FirstRetryDelay"/>, then each wait
/// <see cref="WebhookOptions.BackoffFactor"/> times the last (5 s, 15 s, 45 s, 2 min 15 s, … by default), capped at
/// <see cref="WebhookOptions.MaxRetryDelay"/>, until <see cref="WebhookOptions.RetryWindow"/> after the delivery began:
/// then it has failed. Svix retries over about 27 hours; the issue asks 3 days, reached here in about 14 attempts.
/// </summary>
public static class RetrySchedule
{
    /// <summary>The next attempt after failed attempt number <paramref name="attempts"/> (1 = the first), or null when the window is over.</summary>
    public static DateTimeOffset? Next(WebhookOptions options, int attempts, DateTimeOffset retryFrom, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var delay = Delay(options, attempts);
        var next = now + delay;
        return next > retryFrom + options.RetryWindow ? null : next;
    }

    /// <summary>The wait after failed attempt number <paramref name="attempts"/>.</summary>
    public static TimeSpan Delay(WebhookOptions options, int attempts)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factor = Math.Pow(options.BackoffFactor, Math.Max(0, attempts - 1));
        var ms = options.FirstRetryDelay.TotalMilliseconds * factor;
        return ms >= options.MaxRetryDelay.TotalMilliseconds ? options.MaxRetryDelay : TimeSpan.FromMilliseconds(ms);
    }
}
