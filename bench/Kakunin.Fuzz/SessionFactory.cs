using System.IO.Pipelines;
using System.Net;
using Kakunin.Smtp.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Fuzz;

/// <summary>
/// The one place that builds an <see cref="SmtpSession"/> and its <see cref="SmtpConnectionLoop"/> for the fuzzer,
/// so a change of their constructors touches only this file. Every case spools into one folder of this process;
/// a case must leave it empty once its session is disposed (no spool file outlives its transaction).
/// </summary>
internal static class SessionFactory
{
    /// <summary>The spool folder all cases share.</summary>
    public static string SpoolDirectory { get; } = Directory.CreateTempSubdirectory("kakunin-fuzz-spool-").FullName;

    public static (SmtpConnectionLoop Loop, SmtpSession Session) Create(
        SmtpServerOptions options,
        ISmtpBackend backend,
        ListenerKind listener,
        bool isTls,
        Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? startTls)
    {
        var spooled = options with { SpoolDirectory = SpoolDirectory };
        var session = new SmtpSession(spooled, backend, new MessageSpool(spooled), listener, new IPEndPoint(IPAddress.Loopback, 40000), isTls, "F1", TimeProvider.System, NullLogger.Instance);
        return (new SmtpConnectionLoop(session, spooled, TimeProvider.System, startTls), session);
    }

    /// <summary>Spool files present now (0 between cases).</summary>
    public static int SpoolFiles() => Directory.EnumerateFiles(SpoolDirectory).Count();
}
