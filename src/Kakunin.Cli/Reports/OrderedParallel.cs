using System.Collections.Concurrent;

namespace Kakunin.Cli.Reports;

/// <summary>
/// Runs <c>work</c> on the items of a sequence on the thread pool and gives the results back in the
/// order of the items, as they become ready. At most <c>window</c> items are in flight (read but not
/// yet handed back), so memory stays flat however long the sequence is. The sequence itself is read
/// on one background thread (an mbox is parsed in order there). Hand-written: PLINQ's AsOrdered
/// buffers without a bound, and Parallel.ForEachAsync does not keep the order.
/// </summary>
internal static class OrderedParallel
{
    public static IEnumerable<TResult> Select<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        using var pending = new BlockingCollection<Task<TResult>>(boundedCapacity: window);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            try
            {
                foreach (var item in items)
                {
                    pending.Add(Task.Run(() => work(item)), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early: nothing more is wanted.
            }
            catch (Exception e)
            {
                // Reading the inputs failed: the consumer sees it after the results before it.
                try
                {
                    pending.Add(Task.FromException<TResult>(e), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            finally
            {
                pending.CompleteAdding();
            }
        });

        try
        {
            foreach (var task in pending.GetConsumingEnumerable())
            {
                yield return task.GetAwaiter().GetResult();
            }
        }
        finally
        {
            stop.Cancel();
            // Let the reader see the cancellation before the collection is disposed.
            while (pending.TryTake(out _))
            {
            }

            reader.Wait();
        }
    }
}
