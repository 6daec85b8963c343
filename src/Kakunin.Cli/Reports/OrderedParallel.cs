using System.Runtime.ExceptionServices;

namespace Kakunin.Cli.Reports;

/// <summary>
/// Runs <c>work</c> on the items of a sequence on <c>workers</c> threads of its own and gives the results back in
/// the order of the items, as they become ready. At most <c>window</c> items are in flight (read but not yet handed
/// back), so memory stays flat however long the sequence is. The sequence itself is read on one more thread (an mbox
/// is parsed in order there).
/// </summary>
/// <remarks>
/// Hand-written: PLINQ's AsOrdered buffers without a bound and Parallel.ForEachAsync does not keep the order. The
/// first version gave each item a thread-pool task and waited on the tasks in order: on two busy cores a third of the
/// thread time went to the pool's and the waits' spinning (docs/benchmarks.md §5). Here every wait is a
/// <see cref="Monitor.Wait(object)"/> on one lock, which blocks at once, and the workers are plain threads that
/// sleep when there is nothing to do.
/// </remarks>
internal static class OrderedParallel
{
    public static IEnumerable<TResult> Select<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, int window, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var pipeline = new Pipeline<TItem, TResult>(items, work, window, workers > 0 ? workers : Environment.ProcessorCount);
        try
        {
            pipeline.Start();
            while (pipeline.TakeNext(out var result))
            {
                yield return result;
            }
        }
        finally
        {
            pipeline.Stop();
        }
    }

    private sealed class Pipeline<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, int window, int workerCount)
    {
        private readonly object _gate = new();
        private readonly Queue<(long Index, TItem Item)> _todo = new();
        private readonly Dictionary<long, (TResult? Value, ExceptionDispatchInfo? Error)> _done = [];
        private readonly List<Thread> _threads = [];
        private long _read;
        private long _handedBack;
        private bool _readerFinished;
        private ExceptionDispatchInfo? _readerError;
        private bool _stopped;

        public void Start()
        {
            _threads.Add(new Thread(Read) { IsBackground = true, Name = "ordered-parallel reader" });
            for (var i = 0; i < workerCount; i++)
            {
                _threads.Add(new Thread(Work) { IsBackground = true, Name = $"ordered-parallel worker {i}" });
            }

            foreach (var thread in _threads)
            {
                thread.Start();
            }
        }

        /// <summary>The next result in item order; false at the end. Rethrows a failure of the work or of the reading.</summary>
        public bool TakeNext(out TResult result)
        {
            (TResult? Value, ExceptionDispatchInfo? Error) next;
            lock (_gate)
            {
                while (!_done.Remove(_handedBack, out next))
                {
                    if (_readerFinished && _handedBack == _read)
                    {
                        // Everything read was handed back: the end, or the reading failed after the last item.
                        _readerError?.Throw();
                        result = default!;
                        return false;
                    }

                    Monitor.Wait(_gate);
                }

                _handedBack++;
                // The reader may be waiting for the window to open.
                Monitor.PulseAll(_gate);
            }

            next.Error?.Throw();
            result = next.Value!;
            return true;
        }

        /// <summary>Tells the threads to finish and waits for them (the consumer may stop early).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.PulseAll(_gate);
            }

            foreach (var thread in _threads)
            {
                if (thread.ThreadState != ThreadState.Unstarted)
                {
                    thread.Join();
                }
            }
        }

        private void Read()
        {
            try
            {
                foreach (var item in items)
                {
                    lock (_gate)
                    {
                        while (!_stopped && _read - _handedBack >= window)
                        {
                            Monitor.Wait(_gate);
                        }

                        if (_stopped)
                        {
                            return;
                        }

                        _todo.Enqueue((_read++, item));
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (Exception e)
            {
                // Reading the inputs failed: the consumer sees it after the results before it.
                lock (_gate)
                {
                    _readerError = ExceptionDispatchInfo.Capture(e);
                }
            }
            finally
            {
                lock (_gate)
                {
                    _readerFinished = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void Work()
        {
            while (true)
            {
                (long Index, TItem Item) next;
                lock (_gate)
                {
                    while (_todo.Count == 0 && !_readerFinished && !_stopped)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_stopped || _todo.Count == 0)
                    {
                        return;
                    }

                    next = _todo.Dequeue();
                }

                (TResult? Value, ExceptionDispatchInfo? Error) outcome;
                try
                {
                    outcome = (work(next.Item), null);
                }
                catch (Exception e)
                {
                    outcome = (default, ExceptionDispatchInfo.Capture(e));
                }

                lock (_gate)
                {
                    _done[next.Index] = outcome;
                    if (next.Index == _handedBack)
                    {
                        // Only the result the consumer waits for can wake it usefully.
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }
}
