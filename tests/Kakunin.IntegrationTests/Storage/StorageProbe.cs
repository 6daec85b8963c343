using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.IntegrationTests.Storage;

/// <summary>What an administrator looks at while the disk fills: /health's storage-space check, /metrics, the mailboxes.</summary>
internal static partial class StorageProbe
{
    /// <summary>GET /health: the HTTP status and the storage-space check (status, description, data).</summary>
    public static async Task<(int Code, string Status, string? Description, JsonElement Data)> HealthAsync(KakuninProcess server)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/health"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var check = body.GetProperty("checks").GetProperty("storage-space");
        return ((int)response.StatusCode, check.GetProperty("status").GetString()!,
            check.TryGetProperty("description", out var d) ? d.GetString() : null,
            check.TryGetProperty("data", out var data) ? data.Clone() : default);
    }

    /// <summary>GET /metrics (from loopback): the value of the series named <paramref name="name"/> (any labels), or null when absent.</summary>
    public static Task<double?> MetricAsync(KakuninProcess server, string name) => MetricAsync(server, name + "{", string.Empty);

    /// <summary>GET /metrics: the first series whose line starts with <paramref name="prefix"/> and contains <paramref name="label"/>.</summary>
    public static async Task<double?> MetricAsync(KakuninProcess server, string prefix, string label)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line is not null && SeriesValue().Match(line) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The Message-IDs in a user's folder, read from the server's own database.</summary>
    public static async Task<HashSet<string>> MessageIdsAsync(KakuninProcess server, string user, string folder)
    {
        await using var store = await KakuninStore.OpenAsync(server.DataDirectory);
        var stored = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        return [.. stored.Select(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray())).MessageId).OfType<string>()];
    }

    /// <summary>The original Message-IDs the delivery reports (DSNs) in a user's folder are about (their text/rfc822-headers part).</summary>
    public static async Task<HashSet<string>> ReportedIdsAsync(KakuninProcess server, string user, string folder)
    {
        await using var store = await KakuninStore.OpenAsync(server.DataDirectory);
        var stored = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in stored)
        {
            var text = System.Text.Encoding.UTF8.GetString(m.Content.Span);
            if (!text.Contains("message/delivery-status", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (Match id in OriginalMessageId().Matches(text))
            {
                ids.Add(id.Groups[1].Value);
            }
        }

        return ids;
    }

    [GeneratedRegex(@"\}?\s([0-9.eE+-]+)\s*$")]
    private static partial Regex SeriesValue();

    [GeneratedRegex(@"(?im)^Message-ID:\s*<([^>]+)>")]
    private static partial Regex OriginalMessageId();
}
