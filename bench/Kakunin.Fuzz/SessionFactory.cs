using System.IO.Pipelines;
using System.Net;
using Kakunin.Smtp.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.Fuzz;

/// <summary>
/// The one place that builds an <see cref="SmtpSession"/> and its <see cref="SmtpConnectionLoop"/> for the fuzzer,
/// so a change of their constructors touches only this file.
/// </summary>
internal static class SessionFactory
{
    public static SmtpConnectionLoop Create(
        SmtpServerOptions options,
        ISmtpBackend backend,
        ListenerKind listener,
        bool isTls,
        Func<IDuplexPipe, CancellationToken, Task<IDuplexPipe>>? startTls)
    {
        var session = new SmtpSession(options, backend, listener, new IPEndPoint(IPAddress.Loopback, 40000), isTls, "F1", TimeProvider.System, NullLogger.Instance);
        return new SmtpConnectionLoop(session, options, TimeProvider.System, startTls);
    }
}
