using System.CommandLine;
using Kakunin.Queue.Dkim;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin domain add|list|dns|check|dkim</c>: the domains this server receives and signs mail for.</summary>
internal static class DomainCommands
{
    public static Command Create() => new("domain", "Local domains: mail to them is delivered here, mail from them is DKIM-signed.")
    {
        Add(),
        List(),
        DomainDnsCommands.Dns(),
        DomainDnsCommands.Check(),
        DkimCommands.Create(),
    };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The domain, e.g. example.com." };
        var data = DataOption.Create();
        var command = new Command("add", "Add a local domain with its DKIM keys (creates the data folder and database when there is none).") { name, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var domain = result.GetValue(name)!.Trim();
            if (domain.Length == 0 || domain.Contains('@', StringComparison.Ordinal) || domain.Any(char.IsWhiteSpace))
            {
                return c.Fail($"'{domain}' is not a domain name");
            }

            await store.Directory.AddDomainAsync(domain, c.CancellationToken).ConfigureAwait(false);
            c.Output.WriteLine($"domain {domain.ToLowerInvariant()} is local");
            foreach (var key in await DkimKeyProvisioning.EnsureAllAsync(store, DateTimeOffset.UtcNow, c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine($"DKIM key {key.Selector} ({key.Algorithm}) made for {key.Domain}");
            }

            c.Output.WriteLine($"publish its DNS records: kakunin domain dns {domain.ToLowerInvariant()}");
            return 0;
        }, cancellationToken, create: true));
        return command;
    }

    private static Command List()
    {
        var data = DataOption.Create();
        var command = new Command("list", "List the local domains, one per line.") { data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            foreach (var domain in await store.Directory.ListDomainsAsync(c.CancellationToken).ConfigureAwait(false))
            {
                c.Output.WriteLine(domain);
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
