using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>The memory budget for messages being stored (SmtpServerOptions.MaxMessageMemory).</summary>
public sealed class ByteBudgetTests
{
    [Fact]
    public async Task A_request_waits_until_enough_is_given_back_then_gets_it()
    {
        var budget = new ByteBudget(100);
        var first = await budget.TakeAsync(70, TestContext.Current.CancellationToken);
        var second = budget.TakeAsync(50, TestContext.Current.CancellationToken).AsTask();
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
        Assert.Equal(100, budget.Available);
    }

    [Fact]
    public async Task A_request_larger_than_the_budget_takes_all_of_it_instead_of_waiting_forever()
    {
        var budget = new ByteBudget(100);
        using (await budget.TakeAsync(1_000_000, TestContext.Current.CancellationToken))
        {
            Assert.Equal(0, budget.Available);
        }

        Assert.Equal(100, budget.Available);
    }

    [Fact]
    public async Task First_come_first_served_so_a_large_message_is_not_starved_by_small_ones()
    {
        var budget = new ByteBudget(100);
        var held = await budget.TakeAsync(60, TestContext.Current.CancellationToken);
        var large = budget.TakeAsync(100, TestContext.Current.CancellationToken).AsTask();
        var small = budget.TakeAsync(10, TestContext.Current.CancellationToken).AsTask(); // would fit, but queues behind
        Assert.False(small.IsCompleted);
        held.Dispose();
        var lease = await large.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(small.IsCompleted);
        lease.Dispose();
        (await small.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_lets_the_next_in()
    {
        var budget = new ByteBudget(100);
        var held = await budget.TakeAsync(60, TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();
        var large = budget.TakeAsync(100, cancel.Token).AsTask();
        var small = budget.TakeAsync(10, TestContext.Current.CancellationToken).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large);
        (await small.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
        held.Dispose();
        Assert.Equal(100, budget.Available);
    }
}
