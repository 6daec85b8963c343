using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// The webmail from a plain HTTP (or HTTPS) client bound to a chosen loopback source address (the server sees that
/// address): the sign-in form with its antiforgery token, and requests with the cookies it got. Every Set-Cookie
/// header it receives is kept (<see cref="SetCookieHeaders"/>), and so is the certificate an HTTPS server showed.
/// </summary>
public sealed partial class WebSignIn : IDisposable
{
    private readonly HttpClient _http;
    private readonly List<string> _setCookies = [];

    public WebSignIn(int httpPort, IPAddress from)
        : this(new Uri($"http://127.0.0.1:{httpPort}"), from)
    {
    }

    /// <summary>
    /// A client for <paramref name="baseAddress"/> (http or https; the host name goes into Host and SNI) that
    /// connects from <paramref name="from"/> to <paramref name="connectTo"/> (default: the base address's own host and
    /// port). HTTPS accepts any certificate (the server's is self-signed) and remembers it in <see cref="ServerCertificate"/>.
    /// <paramref name="version"/> 2.0 asks for HTTP/2 (over TLS through ALPN), falling back to HTTP/1.1.
    /// </summary>
    public WebSignIn(Uri baseAddress, IPAddress from, IPEndPoint? connectTo = null, Version? version = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
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
                    if (connectTo is null)
                    {
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    }
                    else
                    {
                        await socket.ConnectAsync(connectTo, cancellationToken);
                    }

                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    ServerCertificate = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return true;
                },
            },
        };
        _http = new HttpClient(new SetCookieRecorder(handler, _setCookies))
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>Headers sent with every request, e.g. a forged X-Forwarded-For.</summary>
    public HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    /// <summary>The certificate the HTTPS server presented at the last handshake.</summary>
    public X509Certificate2? ServerCertificate { get; private set; }

    /// <summary>Every Set-Cookie header line received so far, in order.</summary>
    public IReadOnlyList<string> SetCookieHeaders
    {
        get
        {
            lock (_setCookies)
            {
                return [.. _setCookies];
            }
        }
    }

    public CookieContainer Cookies { get; }

    /// <summary>Loads the sign-in page (for its antiforgery token) and posts the form; the answer to the POST.</summary>
    public async Task<HttpResponseMessage> PostAsync(string address, string password, string language = "en")
    {
        using var form = Request(HttpMethod.Get, "/login");
        form.Headers.AcceptLanguage.ParseAdd(language);
        using var page = await _http.SendAsync(form);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on /login");
        var post = Request(HttpMethod.Post, "/login");
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Address"] = address,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        post.Headers.AcceptLanguage.ParseAdd(language);
        return await _http.SendAsync(post);
    }

    /// <summary>
    /// Posts the antiforgery-protected form of <paramref name="pagePath"/> (e.g. "/logout") to <paramref name="action"/>,
    /// with <paramref name="fields"/> beside the token.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IReadOnlyDictionary<string, string>? fields = null)
    {
        using var page = await _http.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {pagePath} ({(int)page.StatusCode})");
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(values);
        return await _http.PostAsync(action, content);
    }

    /// <summary>Any request with this client's cookies (no redirects followed), at this client's HTTP version.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Version = _http.DefaultRequestVersion;
        request.VersionPolicy = _http.DefaultVersionPolicy;
        return _http.SendAsync(request);
    }

    // A message made by hand does not take HttpClient's default version (only GetAsync and friends do).
    private HttpRequestMessage Request(HttpMethod method, string path) =>
        new(method, path) { Version = _http.DefaultRequestVersion, VersionPolicy = _http.DefaultVersionPolicy };

    /// <summary>A GET with this client's cookies (no redirects followed).</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public void Dispose() => _http.Dispose();

    /// <summary>Keeps each response's Set-Cookie lines before the cookie container takes them in.</summary>
    private sealed class SetCookieRecorder(HttpMessageHandler inner, List<string> lines) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (lines)
                {
                    lines.AddRange(values);
                }
            }

            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
