using System.Diagnostics;

namespace Kakunin.IntegrationTests.Peers;

/// <summary>How every peer a test starts (NSD, Pebble, nginx, Caddy) is stopped and its private folder removed.</summary>
internal static class PeerShutdown
{
    /// <summary>Kills the process and its children if still running, waits for it, and disposes it.</summary>
    public static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Removes the peer's folder; a file still held by a dying child is left for the temp cleaner.</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
