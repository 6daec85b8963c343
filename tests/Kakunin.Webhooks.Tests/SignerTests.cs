using System.Text;
using Kakunin.Webhooks.Signing;

namespace Kakunin.Webhooks.Tests;

/// <summary>The signer against Standard Webhooks' published test vector (checked by hand with openssl, docs/webhooks.md).</summary>
public sealed class SignerTests
{
    // The specification's reference libraries' signing test: this secret, id, timestamp and body give this signature.
    // By hand: printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
    //   openssl dgst -sha256 -mac HMAC -macopt hexkey:$(echo -n MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 256) -binary | base64
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

    [Fact]
    public void The_published_test_vector_signs_to_the_published_signature() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", new WebhookSigner(Secret).Sign(Id, Timestamp, Body));

    [Fact]
    public void The_secret_without_its_prefix_is_the_same_key() =>
        Assert.Equal(new WebhookSigner(Secret).Sign(Id, Timestamp, Body), new WebhookSigner(Secret["whsec_".Length..]).Sign(Id, Timestamp, Body));

    [Fact]
    public void Changing_one_byte_of_the_body_or_the_timestamp_changes_the_signature()
    {
        var signer = new WebhookSigner(Secret);
        var original = signer.Sign(Id, Timestamp, Body);
        Assert.NotEqual(original, signer.Sign(Id, Timestamp.AddSeconds(1), Body));
        Assert.NotEqual(original, signer.Sign(Id, Timestamp, Encoding.UTF8.GetBytes("{\"test\": 2432232315}")));
    }

    [Fact]
    public void The_timestamp_header_is_unix_seconds() => Assert.Equal("1614265330", WebhookSigner.Seconds(Timestamp.AddMilliseconds(999)));

    [Fact]
    public void A_new_secret_is_whsec_and_32_random_bytes()
    {
        var a = WebhookSecret.Create();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.True(WebhookSecret.TryGetKey(a, out var key));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(a, WebhookSecret.Create());
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("")]
    public void A_secret_that_is_not_base64_is_refused(string secret) => Assert.Throws<FormatException>(() => new WebhookSigner(secret));
}
