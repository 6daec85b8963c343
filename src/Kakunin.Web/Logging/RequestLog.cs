using System.Diagnostics;

namespace Kakunin.Web.Logging;

/// <summary>
/// One Debug line per web request: method, path (never the query, which may hold search words), status, time and
/// the client, read when the request is done, so behind a trusted proxy it is the real client and scheme (the
/// forwarded-headers middleware, later in the pipeline, changes the request in place). ASP.NET Core's own
/// request lines are Information and their level cannot be lowered, so they are filtered out (LoggingDefaults) and
/// this one line takes their place. Category "Kakunin.Web.Requests".
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Kakunin.Web.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var request = context.Request;
            Request(_logger, request.Protocol, request.Scheme, request.Method, request.Path, status, elapsed, context.Connection.RemoteIpAddress);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Protocol} {Scheme} {Method} {Path} {Status} {Milliseconds:0.0} ms client={Client}")]
    private static partial void Request(ILogger logger, string protocol, string scheme, string method, PathString path, int status, double milliseconds, System.Net.IPAddress? client);
}
