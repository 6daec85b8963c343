using System.CommandLine;
using Kakunin.Protocol;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin alias add|list</c>: addresses that forward to other addresses, local or remote.</summary>
internal static class AliasCommands
{
    public static Command Create() => new("alias", "Aliases: an address on a local domain that forwards to one or more targets.")
    {
        Add(),
        List(),
    };

    private static Command Add()
    {
        var address = new Argument<string>("address") { Description = "The alias, on a local domain." };
        var targets = new Argument<string[]>("targets") { Description = "Where its mail goes (local users or remote addresses).", Arity = ArgumentArity.OneOrMore };
        var data = DataOption.Create();
        var command = new Command("add", "Add an alias, or more targets to an existing one.") { address, targets, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var alias = MailboxIdentity.KeyOf(result.GetValue(address)!);
            if (!UserCommands.LooksLikeAddress(alias))
            {
                return c.Fail($"'{alias}' is not an address (local-part@domain)");
            }

            if (result.GetValue(targets)!.FirstOrDefault(t => !UserCommands.LooksLikeAddress(MailboxIdentity.KeyOf(t))) is { } bad)
            {
                return c.Fail($"target '{bad}' is not an address (local-part@domain)");
            }

            var domain = MailboxIdentity.DomainOf(alias);
            if (!await store.Directory.IsLocalDomainAsync(domain, c.CancellationToken).ConfigureAwait(false))
            {
                return c.Fail($"{domain} is not a local domain; add it first: kakunin domain add {domain}");
            }

            await store.Directory.AddAliasAsync(alias, result.GetValue(targets)!, c.CancellationToken).ConfigureAwait(false);
            var all = await store.Directory.GetAliasTargetsAsync(alias, c.CancellationToken).ConfigureAwait(false);
            c.Output.WriteLine($"{alias}: {string.Join(", ", all)}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var data = DataOption.Create();
        var command = new Command("list", "List the aliases, one per line: 'alias: target, target'.") { data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            foreach (var alias in await store.Directory.ListAliasesAsync(c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine($"{alias.Address}: {string.Join(", ", alias.Targets)}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
