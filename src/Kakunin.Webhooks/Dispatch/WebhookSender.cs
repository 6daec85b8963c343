using System.Net.Http.Headers;
using System.Text;
using Kakunin.Webhooks.Signing;
using Kakunin.Webhooks.Targets;

namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// One attempt: POSTs the event's JSON to the endpoint with the Standard Webhooks headers, signed at the time of the
/// attempt (receivers reject a webhook-timestamp far from their clock, so a retry is signed anew; the id stays the
/// event's, so a receiver can drop a repeat). Reads at most the configured excerpt of the answer.
/// </summary>
internal sealed class WebhookSender(HttpClient client, WebhookOptions options, TimeProvider time)
{
    public async Task<AttemptResult> SendAsync(DueDelivery delivery, string eventId, byte[] body, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, eventId);
            request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, WebhookSigner.Seconds(at));
            request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, new WebhookSigner(delivery.Secret).Sign(eventId, at, body));
            request.Headers.UserAgent.ParseAdd("Kakunin-Webhooks/1");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var excerpt = await ReadExcerptAsync(response, timeout.Token).ConfigureAwait(false);
            return new AttemptResult(delivery, at, (int)response.StatusCode, excerpt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(delivery, at, null, $"no answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(delivery, at, null, Describe(e));
        }
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RefusedTargetException refused)
            {
                return "refused: " + refused.Message;
            }
        }

        return e.InnerException?.Message ?? e.Message;
    }

    private async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[options.ResponseExcerptBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
