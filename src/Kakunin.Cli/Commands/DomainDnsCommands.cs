using System.CommandLine;
using Kakunin.Authentication.Dkim;
using Kakunin.Authentication.Publishing;
using Kakunin.Cli.Settings;
using Kakunin.Store;
using Kakunin.Store.Dkim;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin domain dns DOMAIN</c> (the records to publish) and <c>kakunin domain check DOMAIN</c> (are they?).</summary>
internal static class DomainDnsCommands
{
    public static Command Dns()
    {
        var (name, hostName, lang, data) = Options();
        var command = new Command("dns", "Print the DNS records the domain needs: MX, SPF, DKIM (every selector), DMARC, optional MTA-STS and TLS-RPT.")
        {
            name, hostName, lang, data,
        };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var text = new DomainCheckText(CliLanguage.IsJapanese(result, lang));
            if (await RecordsAsync(store, result.GetValue(name)!, result.GetValue(hostName) ?? Configured(result, nameof(Kakunin.Web.KakuninOptions.HostName)), c) is not { } records)
            {
                return 1;
            }

            c.Output.WriteLine(text.Heading(records[0].Name));
            foreach (var record in records)
            {
                c.Output.WriteLine($"; {text.Purpose(record)}");
                c.Output.WriteLine(record.ToZoneLine());
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    public static Command Check()
    {
        var (name, hostName, lang, data) = Options();
        var servers = new Option<string?>("--dns-servers") { Description = "Name servers to ask (ip[:port], comma-separated). Default: Kakunin:DnsServers from the configuration, else the system's." };
        var command = new Command("check", "Look the domain's records up in DNS and say what is missing or wrong (exit 1 when something needs fixing).")
        {
            name, hostName, servers, lang, data,
        };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var text = new DomainCheckText(CliLanguage.IsJapanese(result, lang));
            if (await RecordsAsync(store, result.GetValue(name)!, result.GetValue(hostName) ?? Configured(result, nameof(Kakunin.Web.KakuninOptions.HostName)), c) is not { } records)
            {
                return 1;
            }

            var nameServers = new Kakunin.Web.KakuninOptions { DnsServers = result.GetValue(servers) ?? Configured(result, nameof(Kakunin.Web.KakuninOptions.DnsServers)) }.NameServers();
            var findings = await DomainCheck.RunAsync(records, new DnsRecordLookup(nameServers), c.CancellationToken).ConfigureAwait(false);
            foreach (var finding in findings)
            {
                c.Output.WriteLine($"{Pad(text.Mark(finding), 8)} {text.Explain(finding)}");
            }

            var toFix = findings.Count(f => f.NeedsFixing);
            c.Output.WriteLine(text.Summary(toFix));
            return toFix == 0 ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// A setting the server was configured with (the same files and variables 'kakunin serve' reads), so the records
    /// and lookups match the running server without repeating its options. A configuration file that cannot be read
    /// throws <see cref="CliSettingsException"/>, which <see cref="DataOption.RunAsync"/> reports.
    /// </summary>
    private static string? Configured(ParseResult result, string key) =>
        ConfiguredSettings.Load(CliEnvironment.Of(result)).Find(key)?.Value;

    /// <summary>Pads to a column width on a terminal, where CJK characters take two cells.</summary>
    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - text.Sum(c => c >= '\u2e80' ? 2 : 1)));

    private static (Argument<string> Name, Option<string?> HostName, Option<string?> Lang, Option<string?> Data) Options() =>
    (
        new Argument<string>("domain") { Description = "A local domain." },
        new Option<string?>("--hostname") { Description = "The server's host name, as given to 'kakunin serve --hostname' (the MX). Default: Kakunin:HostName from the configuration, else mail.DOMAIN." },
        CliLanguage.Option(),
        DataOption.Create()
    );

    private static async Task<IReadOnlyList<DomainRecord>?> RecordsAsync(KakuninStore store, string domain, string? hostName, AdminContext c)
    {
        var d = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (!(await store.Directory.IsLocalDomainAsync(d, c.CancellationToken).ConfigureAwait(false)))
        {
            c.Fail($"{d} is not a local domain (kakunin domain add {d})");
            return null;
        }

        var keys = await store.DkimKeys.ListAsync(d, c.CancellationToken).ConfigureAwait(false);
        var published = keys.Select(k => new PublishedKey(k.Selector, DkimKeyMaterial.Record(k.Algorithm, k.PrivateKeyPem), k.State.ToText())).ToList();
        return DomainRecords.For(d, hostName ?? $"mail.{d}", published, DateTimeOffset.UtcNow);
    }
}
