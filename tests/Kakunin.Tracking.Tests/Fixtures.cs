using System.Text;

namespace Kakunin.Tracking.Tests;

/// <summary>The team-written report fixtures, with CRLF line ends as stored messages have them.</summary>
internal static class Fixtures
{
    public static byte[] Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name), Encoding.UTF8);
        return Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    public static InboundReport Inspect(string name) =>
        ReportIntake.Inspect(Load(name)) ?? throw new InvalidOperationException($"{name} was not recognised as a report");
}
