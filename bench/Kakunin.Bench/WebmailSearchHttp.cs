using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Kakunin.Bench;

/// <summary>
/// <c>webmail search-http &lt;base-url&gt; [rounds]</c>: the /search page over HTTP on loopback for the queries of
/// <see cref="WebmailSearchCommand"/>, signed in as its user against a <c>kakunin serve</c> on the data folder it seeded
/// (bench/webmail/search does both). Client-measured, request to last byte of the HTML: the server's time (sign-in
/// check, the store's search, the page) plus one loopback round trip.
/// </summary>
internal static partial class WebmailSearchHttp
{
    public static async Task<int> RunAsync(string baseUrl, int rounds)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        await SignInAsync(http);
        Console.WriteLine($"{"GET /search?q=",-28} {"results",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  load");
        foreach (var (name, query) in WebmailSearchCommand.Queries)
        {
            var url = "/search?q=" + Uri.EscapeDataString(query);
            var (status, results) = await GetAsync(http, url); // warm
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url}: {(int)status}");
            }

            var times = new List<double>(rounds);
            for (var i = 0; i < rounds; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await GetAsync(http, url);
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name + " \"" + query + "\"",-28} {results,7} {WebmailSearchCommand.Pct(times, 0.50),8:F1} {WebmailSearchCommand.Pct(times, 0.99),8:F1} {times[^1],8:F1}  {WebmailSearchCommand.Load()}");
        }

        return 0;
    }

    private static async Task<(HttpStatusCode Status, int Results)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, ResultRow().Count(html));
    }

    private static async Task SignInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Address"] = WebmailSearchCommand.User,
            ["Password"] = WebmailSearchCommand.Password,
            ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), body);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("class=\"message-row\"")]
    private static partial Regex ResultRow();
}
