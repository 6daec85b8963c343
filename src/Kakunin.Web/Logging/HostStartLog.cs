namespace Kakunin.Web.Logging;

/// <summary>
/// Holds back the generic host's "Hosting failed to start" error and its stack trace until the server has started: a
/// start that fails (a port in use, a hosted service that cannot start) is reported by <c>kakunin serve</c> as one
/// sentence instead (<see cref="ServerStartFailure"/>, issue 15). Once started, the category logs from Information as
/// by default (a background service that faults is still logged with its stack trace).
/// </summary>
public static class HostStartLog
{
    private const string Category = "Microsoft.Extensions.Hosting.Internal.Host";

    public static void HoldBackUntilStarted(ILoggingBuilder logging, HostStarted lifetime)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(lifetime);
        logging.AddFilter(Category, level => level >= (lifetime.Started ? LogLevel.Information : LogLevel.Critical));
    }
}

/// <summary>Whether the host has started; set from <c>IHostApplicationLifetime.ApplicationStarted</c> once it is built.</summary>
public sealed class HostStarted
{
    private volatile bool _started;

    public bool Started => _started;

    public void Attach(IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        lifetime.ApplicationStarted.Register(() => _started = true);
    }
}
