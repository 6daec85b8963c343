using System.Diagnostics;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>
/// A real, small file system of its own for one test: a tmpfs of a given size mounted on a new temporary folder
/// (mount(8) needs root, as CI runs the tests). Filling it is real too: a file takes the space (fallocate(1)), so the
/// server's writes meet the kernel's own ENOSPC. Without root or without mount(8) the test fails saying so.
/// </summary>
internal sealed class SmallFileSystem : IAsyncDisposable
{
    private readonly List<string> _fillers = [];

    private SmallFileSystem(string path, long size)
    {
        Path = path;
        Size = size;
    }

    /// <summary>Where it is mounted.</summary>
    public string Path { get; }

    public long Size { get; }

    /// <summary>Bytes an unprivileged process may still write (what the server measures).</summary>
    public long Free => new DriveInfo(Path).AvailableFreeSpace;

    public static async Task<SmallFileSystem> MountAsync(long size, bool readOnly = false)
    {
        Assert.True(IsRoot(),
            "this test mounts a small tmpfs to fill it for real and must run as root (CI does): run the tests as root");
        var path = Directory.CreateTempSubdirectory("kakunin-fs-").FullName;
        var options = $"size={size},mode=0755{(readOnly ? ",ro" : string.Empty)}";
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", options, "kakunin-test", path);
        Assert.True(code == 0, $"could not mount a {size}-byte tmpfs on {path} (mount -t tmpfs -o {options}): {output}");
        return new SmallFileSystem(path, size);
    }

    /// <summary>Takes all but <paramref name="leave"/> bytes of the free space with a new file (fallocate), then tops up byte by byte when a block is left.</summary>
    public async Task FillAsync(long leave = 0)
    {
        var take = Free - leave;
        if (take <= 0)
        {
            return;
        }

        var filler = System.IO.Path.Combine(Path, $"filler-{_fillers.Count}");
        _fillers.Add(filler);
        var (code, output) = await RunAsync("fallocate", "-l", take.ToString(System.Globalization.CultureInfo.InvariantCulture), filler);
        Assert.True(code == 0, $"fallocate -l {take} {filler} failed: {output}");
        if (leave == 0 && Free > 0)
        {
            // Whatever fallocate left (a partial block) is taken by writing until the kernel says ENOSPC.
            await using var rest = new FileStream(filler + "-rest", FileMode.Create, FileAccess.Write, FileShare.None, 1);
            _fillers.Add(filler + "-rest");
            try
            {
                var block = new byte[4096];
                while (true)
                {
                    rest.Write(block);
                }
            }
            catch (IOException)
            {
                // full
            }
        }
    }

    /// <summary>Deletes what <see cref="FillAsync"/> wrote: the space is free again.</summary>
    public void Empty()
    {
        foreach (var filler in _fillers)
        {
            File.Delete(filler);
        }

        _fillers.Clear();
    }

    /// <summary>Makes it read-only (mount -o remount,ro), as a failing disk or an administrator's mistake would.</summary>
    public async Task RemountReadOnlyAsync()
    {
        var (code, output) = await RunAsync("mount", "-o", "remount,ro", Path);
        Assert.True(code == 0, $"could not remount {Path} read-only: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        // Lazy: a server process that is still being killed may hold files open for a moment.
        await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } line
                && line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await output + await error).Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program} could not be run: {e.Message}");
        }
    }
}
