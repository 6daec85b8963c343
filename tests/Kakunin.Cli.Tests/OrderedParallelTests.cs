using Kakunin.Cli.Reports;

namespace Kakunin.Cli.Tests;

/// <summary>
/// The pipeline behind <c>kakunin report parse</c>: results in input order whatever order the work finishes in,
/// never more than the window read ahead, failures surfaced at their place, and an early stop ends the threads.
/// </summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void Results_come_back_in_item_order_when_later_items_finish_first()
    {
        // Even items take longer than odd ones, so with two workers the odd ones finish first.
        var results = OrderedParallel.Select(Enumerable.Range(0, 40), i =>
        {
            Thread.Sleep(i % 2 == 0 ? 6 : 0);
            return i * 10;
        }, window: 6, workers: 2).ToList();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 10), results);
    }

    [Fact]
    public void The_reader_stays_within_the_window_of_the_consumer()
    {
        var read = 0;
        var furthestAhead = 0;
        IEnumerable<int> Items()
        {
            for (var i = 0; i < 200; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }

        var consumed = 0;
        foreach (var _ in OrderedParallel.Select(Items(), i => i, window: 5, workers: 2))
        {
            consumed++;
            furthestAhead = Math.Max(furthestAhead, Volatile.Read(ref read) - consumed);
            Thread.Sleep(consumed % 20 == 0 ? 5 : 0);
        }

        Assert.Equal(200, consumed);
        // The item being handed back, plus at most the window read ahead (one more may be in the reader's hand).
        Assert.InRange(furthestAhead, 0, 6);
    }

    [Fact]
    public void A_failing_item_throws_at_its_place_after_the_results_before_it()
    {
        var seen = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var result in OrderedParallel.Select(Enumerable.Range(0, 10), i => i == 4 ? throw new InvalidOperationException("item 4") : i, window: 3, workers: 2))
            {
                seen.Add(result);
            }
        });

        Assert.Equal("item 4", error.Message);
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public void Stopping_early_returns_promptly_with_an_endless_input()
    {
        static IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++)
            {
                yield return i;
            }
        }

        var firstThree = OrderedParallel.Select(Endless(), i => i + 1, window: 4, workers: 2).Take(3).ToList();

        Assert.Equal([1, 2, 3], firstThree);
    }
}
