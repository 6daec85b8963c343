namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// Stopwatch timestamps of a pass's start: the commit and notice that woke it (0 when the poll or a result woke it),
/// the pass itself, and the GC pause total and thread-pool queue then.
/// </summary>
internal readonly record struct PassStages(long Commit, long Notice, long Wake, string Woken, TimeSpan GcPause, long PoolQueue, int PoolThreads);
