using System.Globalization;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// The service extensions a server advertised in its EHLO reply (RFC 5321 §4.1.1.1: the first line
/// is the greeting, each further line one keyword with optional parameters). <see cref="None"/> after HELO.
/// </summary>
public sealed record SmtpCapabilities
{
    /// <summary>No extensions: the server answered HELO, or EHLO was not sent.</summary>
    public static readonly SmtpCapabilities None = new();

    /// <summary>True when the server answered EHLO (and may have extensions).</summary>
    public bool IsExtended { get; init; }

    /// <summary>RFC 2920.</summary>
    public bool Pipelining { get; init; }

    /// <summary>RFC 1870: SIZE advertised.</summary>
    public bool Size { get; init; }

    /// <summary>RFC 1870 §4: the fixed maximum message size; 0 or absent means no stated limit.</summary>
    public long MaxSize { get; init; }

    /// <summary>RFC 6152.</summary>
    public bool EightBitMime { get; init; }

    /// <summary>RFC 6531.</summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>RFC 3461.</summary>
    public bool Dsn { get; init; }

    /// <summary>RFC 3030 (BDAT). Recognised, not used: this client always sends DATA.</summary>
    public bool Chunking { get; init; }

    /// <summary>RFC 3207.</summary>
    public bool StartTls { get; init; }

    /// <summary>RFC 2034.</summary>
    public bool EnhancedStatusCodes { get; init; }

    /// <summary>Every keyword line as advertised (upper-cased keyword, then its parameters), for logs.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Reads the keywords of a 250 EHLO reply. Unknown keywords are kept in <see cref="Keywords"/> only.</summary>
    public static SmtpCapabilities FromEhloReply(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var result = new SmtpCapabilities { IsExtended = true };
        var keywords = new List<string>();
        // RFC 5321 §4.1.1.1: ehlo-ok-rsp's first line is the domain and greeting; keywords follow.
        foreach (var line in reply.Lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }
            var keyword = parts[0].ToUpperInvariant();
            keywords.Add(string.Join(' ', [keyword, .. parts.Skip(1)]));
            result = keyword switch
            {
                "PIPELINING" => result with { Pipelining = true },
                "SIZE" => result with { Size = true, MaxSize = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 0 },
                "8BITMIME" => result with { EightBitMime = true },
                "SMTPUTF8" => result with { SmtpUtf8 = true },
                "DSN" => result with { Dsn = true },
                "CHUNKING" => result with { Chunking = true },
                "STARTTLS" => result with { StartTls = true },
                "ENHANCEDSTATUSCODES" => result with { EnhancedStatusCodes = true },
                _ => result,
            };
        }
        return result with { Keywords = keywords };
    }
}
