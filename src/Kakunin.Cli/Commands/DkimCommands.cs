using System.CommandLine;
using Kakunin.Queue.Dkim;
using Kakunin.Store.Dkim;
using Spectre.Console;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin domain dkim list|rotate|remove</c>: a domain's DKIM keys and their rotation (docs/authentication.md).</summary>
internal static class DkimCommands
{
    public static Command Create() => new("dkim", "DKIM signing keys of a local domain.")
    {
        List(),
        Rotate(),
        Remove(),
    };

    private static Command List()
    {
        var name = new Argument<string>("domain") { Description = "A local domain." };
        var data = DataOption.Create();
        var command = new Command("list", "List the domain's keys: selector, algorithm, state, created, activates.") { name, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            await store.DkimKeys.PromoteDueAsync(DateTimeOffset.UtcNow, c.CancellationToken).ConfigureAwait(false);
            var table = AdminOutput.Table("selector", "algorithm", "state", "created", "activates", "retired");
            foreach (var k in await store.DkimKeys.ListAsync(result.GetValue(name)!, c.CancellationToken).ConfigureAwait(false))
            {
                table.AddRow(k.Selector, k.Algorithm, k.State.ToText(), AdminOutput.Time(k.CreatedAt),
                    k.ActivateAt is { } a ? AdminOutput.Time(a) : string.Empty, k.RetiredAt is { } r ? AdminOutput.Time(r) : string.Empty);
            }

            AdminOutput.Write(table, c.Output);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Rotate()
    {
        var name = new Argument<string>("domain") { Description = "A local domain." };
        var now = new Option<bool>("--now") { Description = "Sign with the new keys at once (only when their records are published already)." };
        var delay = new Option<TimeSpan?>("--delay") { Description = "How long the new keys are published before they sign (default 3.00:00:00, three days)." };
        var data = DataOption.Create();
        var command = new Command("rotate", "Make the next keys (RSA and Ed25519): publish them, they sign after the delay; the old keys stay published.")
        {
            name, now, delay, data,
        };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var domain = result.GetValue(name)!.Trim().ToLowerInvariant();
            if (!(await store.Directory.IsLocalDomainAsync(domain, c.CancellationToken).ConfigureAwait(false)))
            {
                return c.Fail($"{domain} is not a local domain");
            }

            var wait = result.GetValue(now) ? TimeSpan.Zero : result.GetValue(delay) ?? DkimKeyProvisioning.DefaultRotationDelay;
            var time = DateTimeOffset.UtcNow;
            foreach (var key in await DkimKeyProvisioning.RotateAsync(store, domain, time, wait, c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine(wait == TimeSpan.Zero
                    ? $"{key.Selector} ({key.Algorithm}) signs from now on"
                    : $"{key.Selector} ({key.Algorithm}) signs from {AdminOutput.Time(time + wait)}: publish {key.Selector}._domainkey.{domain} before then");
            }

            c.Output.WriteLine($"the records: kakunin domain dns {domain}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("domain") { Description = "A local domain." };
        var selector = new Argument<string>("selector") { Description = "A retired key's selector." };
        var data = DataOption.Create();
        var command = new Command("remove", "Forget a retired key (then remove its DNS record; mail it signed no longer verifies).") { name, selector, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var removed = await store.DkimKeys.RemoveRetiredAsync(result.GetValue(name)!, result.GetValue(selector)!, c.CancellationToken).ConfigureAwait(false);
            if (!removed)
            {
                return c.Fail("no such retired key (active and next keys are never removed)");
            }

            c.Output.WriteLine("removed");
            return 0;
        }, cancellationToken));
        return command;
    }
}
