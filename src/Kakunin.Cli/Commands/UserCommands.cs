using System.CommandLine;
using System.Security.Cryptography;
using Kakunin.Protocol;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin user add|list|password|admin|delete</c>: mailbox users of the local domains. A password comes from
/// --password, else from standard input when it is redirected, else it is generated and printed once. Passwords are
/// stored only as PBKDF2 hashes and never printed otherwise.
/// </summary>
internal static class UserCommands
{
    private const string GeneratedAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static Command Create() => new("user", "Users: addresses with a mailbox and a password, on local domains.")
    {
        Add(),
        List(),
        Password(),
        Admin(),
        Delete(),
    };

    /// <summary>A minimal check: one local part, one @, one domain, no spaces or angle brackets.</summary>
    public static bool LooksLikeAddress(string address)
    {
        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Any(ch => char.IsWhiteSpace(ch) || ch is '<' or '>' or ',');
    }

    private static Option<string?> PasswordOption() => new("--password")
    {
        Description = "The password. Without it: read from standard input when redirected, else generated and printed once.",
    };

    private static Command Add()
    {
        var address = new Argument<string>("address") { Description = "The user's address; its domain must be local." };
        var password = PasswordOption();
        var data = DataOption.Create();
        var command = new Command("add", "Add a user with the default folders (Inbox, Sent, Drafts, Trash, Junk, Receipts).") { address, password, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = MailboxIdentity.KeyOf(result.GetValue(address)!);
            if (!LooksLikeAddress(user))
            {
                return c.Fail($"'{user}' is not an address (local-part@domain)");
            }

            var domain = MailboxIdentity.DomainOf(user);
            if (!await store.Directory.IsLocalDomainAsync(domain, c.CancellationToken).ConfigureAwait(false))
            {
                return c.Fail($"{domain} is not a local domain; add it first: kakunin domain add {domain}");
            }

            if (await store.Directory.FindUserIdAsync(user, c.CancellationToken).ConfigureAwait(false) is not null)
            {
                return c.Fail($"user {user} exists already (change the password with: kakunin user password {user})");
            }

            if (ObtainPassword(result.GetValue(password), c) is not var (secret, generated))
            {
                return 1;
            }

            await store.Directory.AddUserAsync(user, secret, c.CancellationToken).ConfigureAwait(false);
            c.Output.WriteLine($"user {user} added");
            if (generated)
            {
                c.Output.WriteLine($"password: {secret}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Admin()
    {
        var address = new Argument<string>("address") { Description = "The user's address." };
        var revoke = new Option<bool>("--revoke") { Description = "Take the administrator role away instead." };
        var data = DataOption.Create();
        var command = new Command("admin", "Let a user change the organisation's settings in the webmail (read-receipt rules, defaults for new users).") { address, revoke, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = MailboxIdentity.KeyOf(result.GetValue(address)!);
            var isAdmin = !result.GetValue(revoke);
            if (!await store.Directory.SetAdminAsync(user, isAdmin, c.CancellationToken).ConfigureAwait(false))
            {
                return c.NotFound($"no user {user}");
            }

            c.Output.WriteLine(isAdmin ? $"{user} is an administrator" : $"{user} is no longer an administrator");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var domain = new Option<string?>("--domain") { Description = "Only the users of this domain." };
        var data = DataOption.Create();
        var command = new Command("list", "List the users, one address per line.") { domain, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            foreach (var user in await store.Directory.ListUsersAsync(result.GetValue(domain), c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine(user.Address);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Password()
    {
        var address = new Argument<string>("address") { Description = "The user's address." };
        var password = PasswordOption();
        var data = DataOption.Create();
        var command = new Command("password", "Change a user's password (signs out every webmail session of the user, also on a running server).") { address, password, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = MailboxIdentity.KeyOf(result.GetValue(address)!);
            if (await store.Directory.FindUserIdAsync(user, c.CancellationToken).ConfigureAwait(false) is null)
            {
                return c.NotFound($"no user {user}");
            }

            if (ObtainPassword(result.GetValue(password), c) is not var (secret, generated))
            {
                return 1;
            }

            if (!await store.Directory.SetPasswordAsync(user, secret, c.CancellationToken).ConfigureAwait(false))
            {
                return c.NotFound($"no user {user}"); // deleted meanwhile
            }

            c.Output.WriteLine($"password of {user} changed; every webmail session of {user} is signed out");
            if (generated)
            {
                c.Output.WriteLine($"password: {secret}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Delete()
    {
        var address = new Argument<string>("address") { Description = "The user's address." };
        var data = DataOption.Create();
        var command = new Command("delete", "Delete a user with every folder and stored message. Aliases naming the user are kept; mail still queued for the user fails with a DSN.")
        {
            address, data,
        };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var user = MailboxIdentity.KeyOf(result.GetValue(address)!);
            if (!await store.Directory.DeleteUserAsync(user, c.CancellationToken).ConfigureAwait(false))
            {
                return c.NotFound($"no user {user}");
            }

            c.Output.WriteLine($"user {user} deleted");
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The password to set and whether it was generated; null (after an error message) when none could be had.</summary>
    private static (string Password, bool Generated)? ObtainPassword(string? given, AdminContext context)
    {
        if (given is not null)
        {
            if (given.Length == 0)
            {
                context.Fail("the password is empty");
                return null;
            }

            return (given, false);
        }

        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                context.Fail("no password on standard input");
                return null;
            }

            return (line, false);
        }

        return (RandomNumberGenerator.GetString(GeneratedAlphabet, 20), true);
    }
}
