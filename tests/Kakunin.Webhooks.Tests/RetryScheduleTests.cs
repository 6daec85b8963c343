using Kakunin.Webhooks.Dispatch;

namespace Kakunin.Webhooks.Tests;

/// <summary>Exponential backoff for 3 days, then failed (issue 13).</summary>
public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waits_grow_three_times_from_5_seconds_up_to_12_hours()
    {
        var o = new WebhookOptions();
        Assert.Equal(
            [5, 15, 45, 135, 405],
            Enumerable.Range(1, 5).Select(n => RetrySchedule.Delay(o, n).TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(12), RetrySchedule.Delay(o, 20));
    }

    [Fact]
    public void A_delivery_is_retried_for_3_days_and_then_given_up()
    {
        var o = new WebhookOptions();
        var now = T0;
        var attempts = 0;
        DateTimeOffset? next = T0;
        while (next is { } n)
        {
            now = n;
            attempts++;
            next = RetrySchedule.Next(o, attempts, T0, now);
        }

        Assert.InRange(now - T0, TimeSpan.FromDays(2.5), TimeSpan.FromDays(3));
        Assert.InRange(attempts, 12, 16);
    }
}
