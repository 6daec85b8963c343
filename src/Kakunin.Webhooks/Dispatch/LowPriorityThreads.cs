using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// Dedicated threads at the lowest CPU priority (nice 19 on Linux, per thread: setpriority(2) on the thread's id) on
/// which webhook attempts run, synchronously, from signing to reading the answer. When the cores are saturated the
/// kernel gives them what SMTP and delivery (at nice 0, on the .NET thread pool) leave — a nice-19 thread weighs 15
/// against a nice-0 thread's 1024 (the kernel's sched_prio_to_weight) — and on an idle machine they run at once, so
/// a quiet machine's latency is unchanged. Raising one's own nice needs no privilege. Started on demand up to
/// <c>max</c>; a thread idle for a minute ends.
/// </summary>
internal sealed partial class LowPriorityThreads(int max) : IDisposable
{
    private const int Lowest = 19; // setpriority(2): nice values run from -20 (first) to 19 (last)
    private static readonly TimeSpan IdleEnd = TimeSpan.FromMinutes(1);

    private readonly BlockingCollection<Action> _work = [];
    private readonly Lock _lock = new();
    private int _threads;
    private int _waiting;
    private int _busy;

    /// <summary>Actions running now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    public void Run(Action action)
    {
        _work.Add(action);
        lock (_lock)
        {
            if (_threads < max && Volatile.Read(ref _waiting) < _work.Count)
            {
                _threads++;
                new Thread(Loop) { IsBackground = true, Name = "Kakunin webhooks" }.Start();
            }
        }
    }

    public void Dispose() => _work.CompleteAdding();

    private void Loop()
    {
        Lower();
        while (true)
        {
            Interlocked.Increment(ref _waiting);
            var got = _work.TryTake(out var action, IdleEnd);
            Interlocked.Decrement(ref _waiting);
            if (!got)
            {
                lock (_lock)
                {
                    if (_work.Count == 0 || _work.IsAddingCompleted)
                    {
                        _threads--;
                        return;
                    }
                }

                continue;
            }

            Interlocked.Increment(ref _busy);
            try
            {
                action!();
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
            }
        }
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(0 /* PRIO_PROCESS: with a thread id, that thread only */, GetThreadId(), Lowest); // best effort: at worst it runs at nice 0
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
