using System.Text;

namespace Kakunin.Tracking.Tests;

/// <summary>The team-written report fixtures, with CRLF line ends as stored messages have them.</summary>
internal static class Fixtures
{
    /// <summary>This server's host name in the tests: the authserv-id of the Authentication-Results it stamps.</summary>
    public const string HostName = "mx.example.com";

    public static byte[] Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name), Encoding.UTF8);
        return Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    /// <summary>
    /// The report as it is stored after crossing our SMTP edge with a DKIM signature of <paramref name="signedBy"/> that
    /// verified: this server's Authentication-Results on top (RFC 8601), which the provenance check reads.
    /// </summary>
    public static InboundReport Inspect(string name, string signedBy = "remote.test") =>
        ReportIntake.Inspect(Stamped(Load(name), $"{HostName}; dkim=pass header.d={signedBy}"), HostName)
            ?? throw new InvalidOperationException($"{name} was not recognised as a report");

    /// <summary>The report as stored with nobody vouching for it: no Authentication-Results of ours.</summary>
    public static InboundReport InspectUnverified(string name) =>
        ReportIntake.Inspect(Load(name), HostName) ?? throw new InvalidOperationException($"{name} was not recognised as a report");

    public static byte[] Stamped(byte[] content, string authenticationResults) =>
        [.. Encoding.ASCII.GetBytes($"Authentication-Results: {authenticationResults}\r\n"), .. content];
}
