using System.Globalization;

namespace Kakunin.ImapBench;

/// <summary>
/// Memory of a server as the kernel counts it, for the process and all its descendants (Dovecot forks an imap process
/// per connection; Kakunin is one process): RSS summed (counts shared pages once per process, so it overstates a
/// forking server) and PSS summed (shared pages split between the processes sharing them: the fair total).
/// </summary>
internal static class ProcessMemory
{
    public static (long RssKb, long PssKb, int Processes) Of(int rootPid)
    {
        var tree = Descendants(rootPid);
        tree.Insert(0, rootPid);
        long rss = 0, pss = 0;
        foreach (var pid in tree)
        {
            rss += Field($"/proc/{pid}/status", "VmRSS:");
            pss += Field($"/proc/{pid}/smaps_rollup", "Pss:");
        }

        return (rss, pss, tree.Count);
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    queue.Enqueue(pid);
                }
            }
        }

        return found;
    }

    private static long Field(string file, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
