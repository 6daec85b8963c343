using System.Security.Cryptography;
using Kakunin.Queue;
using Kakunin.Store;
using Kakunin.Store.Space;
using Kakunin.Web.Ui;
using Microsoft.OpenApi;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>POST /api/v1/messages</c>: send as the token's user, with delivery and read receipts. 201 with the message's
/// and recipients' ids; 400 for a body that is not right (header injection included), 403 for a From that is not
/// the user's, 413 over the message size limit, 422 for an Idempotency-Key reused with another body. Nothing is
/// queued unless the answer is 201.
/// </summary>
public static class SendEndpoint
{
    /// <summary>Longest Idempotency-Key accepted (Stripe's limit is 255 too).</summary>
    public const int MaxKeyLength = 255;

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/messages", SendAsync)
            .WithName("SendMessage")
            .WithSummary("Send a message")
            .WithDescription("Sends through the same path as the webmail: queue, Sent copy and tracking in one commit. Idempotency-Key header: a retry with the same key and body returns the first answer and sends nothing.")
            // The body is read by hand (ApiBody), so it is described here rather than with Accepts<T>(), which
            // would also make routing refuse other content types before ApiBody can answer 415 with a problem.
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(SendMessageRequest), null, cancellationToken) },
                    },
                };
            })
            .Produces<SentMessageResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> SendAsync(HttpContext context, ApiMessageSender sender, KakuninStore store, CancellationToken cancellationToken)
    {
        var user = context.User.Address()!;
        var tokenId = context.User.TokenId()!.Value;
        string? key = context.Request.Headers["Idempotency-Key"];
        if (key is not null && (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')))
        {
            return ApiProblems.BadRequest("invalid-idempotency-key", $"The Idempotency-Key must be 1 to {MaxKeyLength} printable ASCII characters (a UUID is a good choice).");
        }

        // Base64 makes 4 characters of 3 bytes: a body that could never fit in a message is refused before it is read.
        var bodyLimit = sender.MaxMessageSize / 3 * 4 + 1024 * 1024;
        var tooLarge = $"The message may be at most {ByteSize.Format(sender.MaxMessageSize)} once encoded (the server's message size limit); attachments grow by a third in base64.";
        var body = await ApiBody.ReadAsync<SendMessageRequest>(context, bodyLimit, tooLarge);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (plan, problems, injection) = SendMessageCheck.Check(body.Value!);
        if (plan is null)
        {
            var errors = problems.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => (object?)g.Select(p => p.Problem).ToArray());
            var detail = string.Join("; ", problems.Select(p => $"{p.Name} {p.Problem}"));
            return ApiProblems.BadRequest(injection ? "header-injection" : "invalid-message", detail, new Dictionary<string, object?> { ["errors"] = errors });
        }

        var own = await store.Directory.GetAliasesOfAsync(user, cancellationToken);
        var from = Kakunin.Protocol.MailboxIdentity.KeyOf(plan.Sender.Address);
        if (from != user && !own.Contains(from, StringComparer.Ordinal))
        {
            return ApiProblems.Forbidden("from-not-yours", $"{plan.Sender.Address} is not {user} nor one of its aliases; a token sends only as its own user.");
        }

        // The user's display name (Settings, migration 16) when they send as themselves and the request names nobody:
        // as the webmail does. An alias keeps a bare address unless the request names it (docs/api.md).
        if (from == user && plan.Sender.DisplayName is null && await store.Directory.GetDisplayNameAsync(user, cancellationToken) is { } name)
        {
            plan = plan with { Sender = plan.Sender with { DisplayName = name } };
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(body.Bytes));
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(user, plan, tokenId, key, hash, cancellationToken);
        }
        catch (StoreDamagedException)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "store-damaged", "Not accepting mail", "The server's store failed its integrity check and takes no new mail until an administrator repairs it (docs/storage.md).");
        }
        catch (Exception e) when (OutOfSpace.Is(e, store.Space))
        {
            return ApiProblems.Problem(StatusCodes.Status507InsufficientStorage, "storage-full", "Not enough storage", "The server's disk is full (or below its reserve); nothing was sent. Try again later.");
        }

        if (outcome.TooLarge is { } size)
        {
            return ApiProblems.TooLarge($"The message is {ByteSize.Format(size)} once encoded; this server accepts at most {ByteSize.Format(sender.MaxMessageSize)}. Nothing was sent.");
        }

        if (outcome.KeyReusedWithOtherBody)
        {
            return ApiProblems.Unprocessable("idempotency-key-reused", $"This Idempotency-Key was used within 24 hours with another body (it sent {outcome.MessageId}); use a new key for a new message.");
        }

        if (outcome.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        context.Response.Headers.Location = ApiRoutes.Prefix + "/messages/" + outcome.MessageId;
        return Results.Text(outcome.ResponseJson, "application/json", statusCode: StatusCodes.Status201Created);
    }
}
