namespace Kakunin.Web.Api;

/// <summary>
/// Error answers of the API as RFC 9457 problem details (application/problem+json): a "type" URI per kind of
/// problem (urn:kakunin:problem:…, listed in docs/api.md), a title that does not change, and a detail that says
/// exactly what was wrong with this request.
/// </summary>
public static class ApiProblems
{
    // Not meant to be fetched: a stable name a program can switch on (RFC 9457 §3.1.1 does not require a resolvable URI); the list is in docs/api.md.
    public const string TypeBase = "urn:kakunin:problem:";

    public static IResult Problem(int status, string kind, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + kind, extensions: extensions);

    public static IResult BadRequest(string kind, string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status400BadRequest, kind, "The request is not valid", detail, extensions);

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult Forbidden(string kind, string detail) =>
        Problem(StatusCodes.Status403Forbidden, kind, "Not allowed", detail);

    public static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "The message is too large", detail);

    public static IResult Unprocessable(string kind, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, kind, "The request cannot be carried out", detail);
}
