using Microsoft.Extensions.Configuration.Memory;

namespace Kakunin.Web.Logging;

/// <summary>
/// Log levels Kakunin starts from, as the lowest-priority configuration source: appsettings.json, environment
/// variables and the command line still override each one (e.g. <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c>).
/// </summary>
public static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        // ASP.NET Core writes five to eight Information lines per web request (hosting, routing, page, result);
        // our own one line per request is at Debug (RequestLog). Its warnings and errors still show.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // "Now listening on: http://…" for every Kestrel endpoint, the SMTP ones too, and "Content root path":
        // replaced by Kakunin's own lines that name each listener by what it serves (LifetimeLog).
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    /// <summary>Puts <see cref="Levels"/> first among the sources, so every other source wins over them.</summary>
    public static void Apply(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
    }
}
