using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// The request body of every ACME POST (RFC 8555 §6.2): a JWS in flattened JSON serialization (RFC 7515 §7.2.2) whose
/// protected header carries "alg", "nonce", "url" and either "jwk" (new-account) or "kid" (the account URL).
/// </summary>
public static class AcmeJws
{
    /// <summary>
    /// Signs <paramref name="payload"/> (JSON text; null for POST-as-GET, RFC 8555 §6.3, whose payload is the empty
    /// string). With <paramref name="accountUrl"/> null the public key itself goes in the header (RFC 8555 §6.2).
    /// </summary>
    public static string Sign(AcmeAccountKey key, string url, string nonce, string? accountUrl, string? payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", "ES256");
            if (accountUrl is null)
            {
                writer.WritePropertyName("jwk");
                writer.WriteRawValue(key.Jwk);
            }
            else
            {
                writer.WriteString("kid", accountUrl);
            }

            writer.WriteString("nonce", nonce);
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }

        var protectedHeader = Base64Url.EncodeToString(buffer.ToArray());
        var encodedPayload = payload is null ? "" : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        // RFC 7515 §5.1: the signing input is ASCII(BASE64URL(header) || '.' || BASE64URL(payload)).
        var signature = key.Sign(Encoding.ASCII.GetBytes(protectedHeader + "." + encodedPayload));
        return JsonSerializer.Serialize(new FlattenedJws(protectedHeader, encodedPayload, Base64Url.EncodeToString(signature)), AcmeJsonContext.Default.FlattenedJws);
    }
}
