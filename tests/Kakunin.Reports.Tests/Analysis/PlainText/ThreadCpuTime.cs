using System.Globalization;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

/// <summary>
/// CPU time (user + system) the calling OS thread has used, from Linux's <c>/proc/thread-self/stat</c> (fields 14
/// and 15, in clock ticks; proc(5)). .NET has no managed API for one thread's CPU time, and a bound on a
/// synchronous call's CPU time holds on a loaded machine where a wall-clock bound does not.
/// </summary>
internal static class ThreadCpuTime
{
    // sysconf(_SC_CLK_TCK) is 100 on every Linux architecture .NET runs on (USER_HZ is fixed for the user ABI).
    private const double TicksPerSecond = 100;

    public static TimeSpan Current()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
