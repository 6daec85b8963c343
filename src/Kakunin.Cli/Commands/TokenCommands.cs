using System.CommandLine;
using System.Globalization;
using Kakunin.Protocol;
using Kakunin.Store.Api;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin token create|list|revoke</c>: API tokens (docs/api.md). A token's text is printed once, by create, and
/// stored only as its SHA-256; lists show its first characters. Like the user commands this writes to the store next
/// to a running server (issue 14 remarks on it); the server reads tokens from the store on every request, so a
/// revoked token stops working at once.
/// </summary>
internal static class TokenCommands
{
    public static Command Create() => new("token", "API tokens: let a program send and read tracking as a user (docs/api.md).")
    {
        CreateToken(),
        List(),
        Revoke(),
    };

    private static Command CreateToken()
    {
        var address = new Argument<string>("address") { Description = "The user the token acts as." };
        var name = new Option<string>("--name") { Description = "What the token is for (shown in lists), e.g. \"CRM\".", Required = true };
        var data = DataOption.Create();
        var command = new Command("create", "Create a token for a user; its text is printed once and cannot be shown again.") { address, name, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = MailboxIdentity.KeyOf(result.GetValue(address)!);
            var label = result.GetValue(name)!.Trim();
            if (label.Length == 0 || label.Any(char.IsControl))
            {
                return c.Fail("the token name is empty or has control characters");
            }

            var text = ApiTokenText.New();
            if (await store.ApiTokens.CreateAsync(user, label, text, DateTimeOffset.UtcNow, c.CancellationToken).ConfigureAwait(false) is not { } token)
            {
                return c.NotFound($"no user {user}");
            }

            c.Output.WriteLine($"token {token.Id} \"{token.Name}\" created for {token.User}");
            c.Output.WriteLine($"token: {text}");
            c.Output.WriteLine("This is the only time the token is shown; keep it in a secret store.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var address = new Argument<string?>("address") { Description = "Only this user's tokens.", Arity = ArgumentArity.ZeroOrOne };
        var data = DataOption.Create();
        var command = new Command("list", "List tokens: id, user, name, prefix, created, last used, revoked.") { address, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = result.GetValue(address) is { } given ? MailboxIdentity.KeyOf(given) : null;
            foreach (var token in await store.ApiTokens.ListAsync(user, c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine(string.Join('\t',
                    token.Id.ToString(CultureInfo.InvariantCulture), token.User, token.Name, token.Prefix + "…",
                    "created " + Time(token.CreatedAt),
                    token.LastUsedAt is { } used ? "used " + Time(used) : "never used",
                    token.RevokedAt is { } revoked ? "revoked " + Time(revoked) : "active"));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<long>("id") { Description = "The token's id (kakunin token list)." };
        var data = DataOption.Create();
        var command = new Command("revoke", "Revoke a token: every later request with it is refused (401).") { id, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var tokenId = result.GetValue(id);
            if (await store.ApiTokens.GetAsync(tokenId, c.CancellationToken).ConfigureAwait(false) is not { } token)
            {
                return c.NotFound($"no token {tokenId}");
            }

            if (token.IsRevoked)
            {
                c.Output.WriteLine($"token {tokenId} was revoked already");
                return 0;
            }

            await store.ApiTokens.RevokeAsync(tokenId, null, DateTimeOffset.UtcNow, c.CancellationToken).ConfigureAwait(false);
            c.Output.WriteLine($"token {tokenId} \"{token.Name}\" of {token.User} revoked");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
