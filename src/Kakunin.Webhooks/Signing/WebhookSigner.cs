using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kakunin.Webhooks.Signing;

/// <summary>
/// Signs a webhook as Standard Webhooks asks (standardwebhooks.com, "Signature scheme"): the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the signature HMAC-SHA256 of it keyed by the secret's bytes, sent
/// as <c>webhook-signature: v1,&lt;base64&gt;</c> beside <c>webhook-id</c> and <c>webhook-timestamp</c> (Unix seconds).
/// .NET's HMACSHA256 does the cryptography; only the framing is ours.
/// </summary>
public sealed class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private readonly byte[] _key;

    /// <summary>A signer for one endpoint's secret (<c>whsec_…</c>). Throws <see cref="FormatException"/> for a secret that is not one.</summary>
    public WebhookSigner(string secret) =>
        _key = WebhookSecret.TryGetKey(secret, out var key) ? key : throw new FormatException("A webhook secret is \"whsec_\" followed by base64.");

    /// <summary>The value of <c>webhook-signature</c> for a message: <c>v1,</c> + base64 of the HMAC.</summary>
    public string Sign(string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var prefix = Encoding.UTF8.GetBytes(id + "." + Seconds(timestamp) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, content));
    }

    /// <summary>The value of <c>webhook-timestamp</c>: whole seconds since the Unix epoch.</summary>
    public static string Seconds(DateTimeOffset timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
