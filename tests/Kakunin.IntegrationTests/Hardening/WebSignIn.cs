using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// The webmail from a plain HTTP client bound to a chosen loopback source address (the server sees that
/// address): the sign-in form with its antiforgery token, and requests with the cookies it got.
/// </summary>
public sealed partial class WebSignIn : IDisposable
{
    private readonly HttpClient _http;

    public WebSignIn(int httpPort, IPAddress from)
    {
        Cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Loads the sign-in page (for its antiforgery token) and posts the form; the answer to the POST.</summary>
    public async Task<HttpResponseMessage> PostAsync(string address, string password, string language = "en")
    {
        using var form = new HttpRequestMessage(HttpMethod.Get, "/login");
        form.Headers.AcceptLanguage.ParseAdd(language);
        using var page = await _http.SendAsync(form);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on /login");
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Address"] = address,
                ["Password"] = password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.AcceptLanguage.ParseAdd(language);
        return await _http.SendAsync(post);
    }

    /// <summary>Posts the antiforgery-protected form of <paramref name="pagePath"/> (e.g. "/logout") to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action)
    {
        using var page = await _http.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {pagePath} ({(int)page.StatusCode})");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await _http.PostAsync(action, content);
    }

    /// <summary>A GET with this client's cookies (no redirects followed).</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
