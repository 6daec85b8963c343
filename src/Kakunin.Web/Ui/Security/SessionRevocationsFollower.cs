using Kakunin.Store;

namespace Kakunin.Web.Ui.Security;

/// <summary>
/// Reads the session revocations again whenever another process committed to the store (the store's writer notices
/// it: docs/storage.md, "Several writers"), so a password reset with <c>kakunin user password</c> signs the user's
/// webmail sessions out on the running server too, not only after its restart.
/// </summary>
internal sealed partial class SessionRevocationsFollower(KakuninStore store, SessionRevocations revocations, ILogger<SessionRevocationsFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new SemaphoreSlim(0, 1);
        using var subscription = store.Changes.SubscribeExternal(() =>
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release(); // several commits before the reload runs make one reload
                }
                catch (SemaphoreFullException)
                {
                }
            }
        });
        try
        {
            while (true)
            {
                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await revocations.ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ReloadFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            changed.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the session revocations again after another process's commit failed; the next commit tries again")]
    private static partial void ReloadFailed(ILogger logger, Exception exception);
}
