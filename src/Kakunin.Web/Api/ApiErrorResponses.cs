using Microsoft.AspNetCore.Diagnostics;

namespace Kakunin.Web.Api;

/// <summary>
/// Under /api every error is problem details, never the webmail's HTML status page and never an empty body: an
/// unknown path (404), a wrong method (405), a body over the size limit (413 from the server), an exception (500).
/// Runs inside the webmail's status code pages, so an answer it gives a body is left alone by them.
/// </summary>
public sealed partial class ApiErrorResponses(RequestDelegate next, ILogger<ApiErrorResponses> logger)
{
    public const string PathPrefix = "/api";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(PathPrefix))
        {
            await next(context);
            return;
        }

        // The webmail's pages re-run an empty error as an HTML page; an API client wants JSON.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals while the body is read (too large, cut short).
            context.Response.Clear();
            await Answer(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than this server accepts."
                : "The request could not be read: " + e.Message);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            Failed(logger, context.Request.Method, context.Request.Path, e);
            context.Response.Clear();
            await Answer(context, StatusCodes.Status500InternalServerError, "The server failed on this request; it is in the server's log.");
            return;
        }

        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await Answer(context, context.Response.StatusCode, context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"There is nothing at {context.Request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
                StatusCodes.Status413PayloadTooLarge => "The request body is larger than this server accepts.",
                _ => "The request failed.",
            });
        }
    }

    private static Task Answer(HttpContext context, int status, string detail)
    {
        var kind = status switch
        {
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "too-large",
            >= 500 => "server-error",
            _ => "bad-request",
        };
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status413PayloadTooLarge => "The request is too large",
            >= 500 => "Server error",
            _ => "The request is not valid",
        };
        return ApiProblems.Problem(status, kind, title, detail).ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Error, Message = "API: {Method} {Path} failed")]
    private static partial void Failed(ILogger logger, string method, string path, Exception exception);
}
