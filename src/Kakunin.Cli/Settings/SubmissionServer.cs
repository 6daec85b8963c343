using System.Globalization;
using Kakunin.Web;

namespace Kakunin.Cli.Settings;

/// <summary>
/// Which submission server <c>kakunin send</c> talks to: <c>--server</c>, else <c>KAKUNIN_SERVER</c>, else the local
/// server's own listener from the configuration <c>kakunin serve</c> reads (Kakunin:ListenAddress with
/// Kakunin:SubmissionPort, or Kakunin:SubmissionTlsPort for implicit TLS), else its built-in default (127.0.0.1:2587,
/// or 127.0.0.1:2465 for implicit TLS).
/// </summary>
internal static class SubmissionServer
{
    public const string EnvironmentVariable = "KAKUNIN_SERVER";

    public const string OptionName = "--server";

    /// <summary>Port for a host given without one: submission 587, or 465 for implicit TLS (RFC 8314 §7.3).</summary>
    public static int StandardPort(bool implicitTls) => implicitTls ? 465 : 587;

    /// <summary>What the listener is called in messages: "submission" or "submission over TLS".</summary>
    public static string ServiceName(bool implicitTls) => implicitTls ? "submission over TLS" : "submission";

    public static Located<ServerAddress> Resolve(string? option, bool implicitTls, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Parse(option, OptionName, implicitTls);
        }

        if (environment.Variable(EnvironmentVariable) is { } variable)
        {
            return Parse(variable, EnvironmentVariable, implicitTls);
        }

        var defaults = new KakuninOptions();
        var settings = ConfiguredSettings.Load(environment);
        var listen = settings.Find(nameof(KakuninOptions.ListenAddress));
        var port = settings.Find(implicitTls ? nameof(KakuninOptions.SubmissionTlsPort) : nameof(KakuninOptions.SubmissionPort));
        var number = implicitTls ? defaults.SubmissionTlsPort : defaults.SubmissionPort;
        if (port is not null && !(int.TryParse(port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and <= 65535))
        {
            throw new CliSettingsException($"the port '{port.Value}' ({port.Origin}) is not a port number");
        }

        var host = ConnectableHost(listen?.Value ?? defaults.ListenAddress);
        return new Located<ServerAddress>(new ServerAddress(host, number), port?.Source ?? listen?.Source);
    }

    /// <summary>A server listening on every address is reached over loopback.</summary>
    private static string ConnectableHost(string listen) => listen switch
    {
        "0.0.0.0" or "*" => "127.0.0.1",
        "::" or "[::]" => "::1",
        _ => listen.Trim('[', ']'),
    };

    private static Located<ServerAddress> Parse(string text, string source, bool implicitTls) =>
        ServerAddress.TryParse(text, StandardPort(implicitTls), out var address)
            ? new Located<ServerAddress>(address, source)
            : throw new CliSettingsException($"'{text}' (from {source}) is not host:port");
}
