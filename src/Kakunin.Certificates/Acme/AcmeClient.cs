using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// The HTTP side of ACME (RFC 8555 §6, §7): the directory, nonces, signed POSTs and POST-as-GET, problem documents.
/// Written by hand: no maintained .NET ACME client is served by the NuGet registry Kakunin builds from (Certes and
/// LettuceEncrypt are unmaintained and pull in BouncyCastle), and the protocol part Kakunin needs is small.
/// Every failure is an <see cref="AcmeException"/> whose message names the URL.
/// </summary>
public sealed class AcmeClient
{
    private const int BadNonceRetries = 5;
    private const string BadNonce = "urn:ietf:params:acme:error:badNonce";

    private readonly HttpClient _http;
    private readonly AcmeAccountKey _key;
    private string? _nonce;

    private AcmeClient(HttpClient http, AcmeAccountKey key, Uri directoryUrl, AcmeDirectory directory)
    {
        _http = http;
        _key = key;
        DirectoryUrl = directoryUrl;
        Directory = directory;
    }

    public Uri DirectoryUrl { get; }

    public AcmeDirectory Directory { get; }

    /// <summary>The account URL ("kid") once <see cref="RegisterAsync"/> ran.</summary>
    public string? AccountUrl { get; private set; }

    /// <summary>Reads the directory (RFC 8555 §7.1.1): the one URL a client is configured with.</summary>
    public static async Task<AcmeClient> ConnectAsync(HttpClient http, Uri directoryUrl, AcmeAccountKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(directoryUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, directoryUrl);
        var response = await SendAsync(http, request, cancellationToken).ConfigureAwait(false);
        if (response.Problem is { } problem)
        {
            throw new AcmeException($"ACME server {directoryUrl} gave no directory: {problem.Detail ?? "no detail"}", problem.Type);
        }

        var directory = Parse(response, directoryUrl.ToString(), AcmeJsonContext.Default.AcmeDirectory);
        return new AcmeClient(http, key, directoryUrl, directory);
    }

    /// <summary>
    /// RFC 8555 §7.3: creates the account for this key, or finds the existing one (the server answers 200 with its
    /// URL), agreeing to the terms of service. Returns the account URL.
    /// </summary>
    public async Task<string> RegisterAsync(string? email, CancellationToken cancellationToken)
    {
        var body = new AcmeNewAccount(true, string.IsNullOrWhiteSpace(email) ? null : [$"mailto:{email.Trim()}"]);
        var response = await PostAsync(Directory.NewAccount, Serialize(body, AcmeJsonContext.Default.AcmeNewAccount), useJwk: true, cancellationToken).ConfigureAwait(false);
        AccountUrl = response.Location ?? throw new AcmeException($"ACME server {Directory.NewAccount} made an account but sent no Location header");
        return AccountUrl;
    }

    /// <summary>RFC 8555 §7.4: a new order for the DNS names; returns the order URL and object.</summary>
    public async Task<(string Url, AcmeOrder Order)> NewOrderAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var body = new AcmeNewOrder([.. names.Select(n => new AcmeIdentifier("dns", n))]);
        var response = await PostAsync(Directory.NewOrder, Serialize(body, AcmeJsonContext.Default.AcmeNewOrder), useJwk: false, cancellationToken).ConfigureAwait(false);
        var order = Parse(response, Directory.NewOrder, AcmeJsonContext.Default.AcmeOrder);
        return (response.Location ?? throw new AcmeException($"ACME server {Directory.NewOrder} made an order but sent no Location header"), order);
    }

    /// <summary>POST-as-GET of an order (RFC 8555 §6.3, §7.1.3), with the Retry-After the server asked for.</summary>
    public async Task<(AcmeOrder Order, TimeSpan? RetryAfter)> GetOrderAsync(string url, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, null, useJwk: false, cancellationToken).ConfigureAwait(false);
        return (Parse(response, url, AcmeJsonContext.Default.AcmeOrder), response.RetryAfter);
    }

    /// <summary>POST-as-GET of an authorization (RFC 8555 §7.5).</summary>
    public async Task<(AcmeAuthorization Authorization, TimeSpan? RetryAfter)> GetAuthorizationAsync(string url, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, null, useJwk: false, cancellationToken).ConfigureAwait(false);
        return (Parse(response, url, AcmeJsonContext.Default.AcmeAuthorization), response.RetryAfter);
    }

    /// <summary>RFC 8555 §7.5.1: "the response is ready, validate it" — an empty JSON object to the challenge URL.</summary>
    public Task RespondToChallengeAsync(string url, CancellationToken cancellationToken) =>
        PostAsync(url, Serialize(new AcmeEmpty(), AcmeJsonContext.Default.AcmeEmpty), useJwk: false, cancellationToken);

    /// <summary>RFC 8555 §7.4: finalize with the CSR (DER).</summary>
    public async Task<AcmeOrder> FinalizeAsync(string url, byte[] csr, CancellationToken cancellationToken)
    {
        var body = new AcmeFinalize(System.Buffers.Text.Base64Url.EncodeToString(csr));
        var response = await PostAsync(url, Serialize(body, AcmeJsonContext.Default.AcmeFinalize), useJwk: false, cancellationToken).ConfigureAwait(false);
        return Parse(response, url, AcmeJsonContext.Default.AcmeOrder);
    }

    /// <summary>RFC 8555 §7.4.2: the certificate chain, PEM (application/pem-certificate-chain), leaf first.</summary>
    public async Task<string> DownloadCertificateAsync(string url, CancellationToken cancellationToken)
    {
        var response = await PostAsync(url, null, useJwk: false, cancellationToken).ConfigureAwait(false);
        if (!response.Body.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new AcmeException($"ACME server {url} sent no PEM certificate chain");
        }

        return response.Body;
    }

    /// <summary>
    /// One signed POST (RFC 8555 §6.2), retried with a fresh nonce when the server says badNonce (§6.5: a client
    /// should retry; Pebble rejects 5 % of good nonces to make sure it does).
    /// </summary>
    private async Task<AcmeResponse> PostAsync(string url, string? payload, bool useJwk, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await TakeNonceAsync(cancellationToken).ConfigureAwait(false);
            var body = AcmeJws.Sign(_key, url, nonce, useJwk ? null : AccountUrl ?? throw new InvalidOperationException("register the account first"), payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/jose+json");
            var response = await SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
            _nonce = response.Nonce ?? _nonce;
            if (response.Problem is { Type: BadNonce } && attempt < BadNonceRetries)
            {
                continue;
            }

            if (response.Problem is { } problem)
            {
                throw new AcmeException($"ACME server {url} refused: {problem.Detail ?? "no detail"} ({problem.Type ?? ((int)response.Status).ToString(System.Globalization.CultureInfo.InvariantCulture)})", problem.Type);
            }

            return response;
        }
    }

    /// <summary>RFC 8555 §7.2: the nonce from the last response, else a fresh one from newNonce (HEAD).</summary>
    private async Task<string> TakeNonceAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _nonce, null) is { } saved)
        {
            return saved;
        }

        using var request = new HttpRequestMessage(HttpMethod.Head, Directory.NewNonce);
        var response = await SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
        return response.Nonce ?? throw new AcmeException($"ACME server {Directory.NewNonce} sent no Replay-Nonce header");
    }

    private static async Task<AcmeResponse> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        // RFC 8555 §6.1: clients send a User-Agent naming themselves.
        request.Headers.UserAgent.ParseAdd("Kakunin-ACME/1.0");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var nonce = response.Headers.TryGetValues("Replay-Nonce", out var nonces) ? nonces.FirstOrDefault() : null;
            var location = response.Headers.Location?.ToString();
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - DateTimeOffset.UtcNow,
                _ => (TimeSpan?)null,
            };
            AcmeProblem? problem = null;
            if (!response.IsSuccessStatusCode)
            {
                problem = TryParseProblem(text) ?? new AcmeProblem(null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode);
            }

            return new AcmeResponse(response.StatusCode, text, nonce, location, retryAfter, problem);
        }
        catch (HttpRequestException ex)
        {
            throw new AcmeException($"ACME server {url} could not be reached: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AcmeException($"ACME server {url} did not answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    private static AcmeProblem? TryParseProblem(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, AcmeJsonContext.Default.AcmeProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Parse<T>(AcmeResponse response, string url, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, type) ?? throw new AcmeException($"ACME server {url} sent an empty answer");
        }
        catch (JsonException ex)
        {
            throw new AcmeException($"ACME server {url} sent an answer that is not the expected JSON ({ex.Message})", ex);
        }
    }

    private static string Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    private sealed record AcmeResponse(HttpStatusCode Status, string Body, string? Nonce, string? Location, TimeSpan? RetryAfter, AcmeProblem? Problem);
}
