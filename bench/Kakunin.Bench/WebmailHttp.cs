using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Kakunin.Bench;

/// <summary>
/// The webmail pages over HTTP on loopback, as a browser asks for them (signed in, whole HTML response read):
/// the Tracking page per filter, a Sent item with its Tracking tab, the Inbox list at random pages. The time is
/// measured at the client from request to last byte, so it is the server's time plus a loopback round trip.
/// Runs against a server started on a seeded data folder (<see cref="WebmailSeed"/>); bench/webmail/run does both.
/// </summary>
internal static partial class WebmailHttp
{
    public static async Task<int> RunAsync(string baseUrl, string dataDir, int rounds)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        await SignInAsync(http);
        var sentIds = SentIds(dataDir);
        var random = new Random(11);
        var cases = new List<(string Name, Func<string> Url)>
        {
            ("GET /tracking (all)", () => "/tracking"),
            ("GET /tracking?filter=failed", () => "/tracking?filter=failed"),
            ("GET /tracking?filter=delayed", () => "/tracking?filter=delayed"),
            ("GET /tracking?filter=unread&days=3", () => "/tracking?filter=unread&days=3"),
            ("GET /tracking?filter=read", () => "/tracking?filter=read"),
            ("GET /tracking?filter=failed&page=40", () => "/tracking?filter=failed&page=40"),
            ("GET /mail/Sent/{id} (Tracking tab)", () => $"/mail/Sent/{sentIds[random.Next(sentIds.Count)]}"),
            ("GET /mail/Sent (list + summaries)", () => "/mail/Sent"),
            ("GET /mail/Inbox", () => "/mail/Inbox"),
            ("GET /mail/Inbox?page=random", () => $"/mail/Inbox?page={1 + random.Next(2000)}"),
        };

        Console.WriteLine($"{"request",-40} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  status");
        foreach (var (name, url) in cases)
        {
            var status = await GetAsync(http, url()); // warm
            var times = new double[rounds];
            for (var i = 0; i < rounds; i++)
            {
                var t = Stopwatch.GetTimestamp();
                status = await GetAsync(http, url());
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine($"{name,-40} {times[rounds / 2],8:F1} {times[Math.Min(rounds - 1, (int)(rounds * 0.99))],8:F1} {times[^1],8:F1}  {(int)status}");
        }

        return 0;
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Address"] = WebmailSeed.User,
            ["Password"] = WebmailSeed.Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), body);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found && response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }
    }

    private static List<long> SentIds(string dataDir)
    {
        // Read-only and beside the running server: opening the store here would start a second writer.
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "kakunin.db")};Mode=ReadOnly");
        connection.Open();
        var list = WebmailSeed.SentIds(connection);
        return list.Count > 0 ? list : throw new InvalidOperationException("no sent messages: seed first");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
