using Kakunin.Store;

namespace Kakunin.Web.Integrity;

/// <summary>
/// The check at start: begun as soon as the store is open, waited for at most <see cref="IntegrityOptions.StartupWait"/>
/// so that a damaged store is known before the first SMTP connection is accepted. A check that takes longer is left to
/// finish in the background (<see cref="IntegrityMonitor"/> logs it and /health reports it).
/// </summary>
public static class IntegrityStartup
{
    /// <summary>Returns whether the check finished within the wait.</summary>
    public static async Task<bool> RunAsync(KakuninStore store, IntegrityOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        // Not cancelled by the wait: only stopping the server ends it (IntegrityMonitor).
        var check = store.Integrity.CheckAsync(time, CancellationToken.None);
        try
        {
            await check.WaitAsync(options.StartupWait > TimeSpan.Zero ? options.StartupWait : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
#pragma warning disable CA1031 // A check that cannot run is reported by the monitor, not a reason to refuse to start.
        catch (Exception) when (check.IsFaulted)
#pragma warning restore CA1031
        {
            return true;
        }
    }
}
