using Kakunin.Protocol;
using Kakunin.Smtp.Client;

namespace Kakunin.Smtp.Tests.Client;

public sealed class SmtpCapabilitiesTests
{
    [Fact]
    public void Reads_the_keywords_of_an_ehlo_reply()
    {
        Assert.True(SmtpReply.TryParse(
            "250-mx.example.com hello\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-8bitmime\r\n250-SMTPUTF8\r\n250-DSN\r\n250-CHUNKING\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 X-UNKNOWN a b\r\n",
            out var reply));
        var caps = SmtpCapabilities.FromEhloReply(reply);
        Assert.True(caps is { IsExtended: true, Pipelining: true, Size: true, MaxSize: 35882577, EightBitMime: true, SmtpUtf8: true, Dsn: true, Chunking: true, StartTls: true, EnhancedStatusCodes: true });
        Assert.Contains("X-UNKNOWN a b", caps.Keywords);
    }

    [Fact]
    public void The_greeting_line_is_not_a_keyword()
    {
        Assert.True(SmtpReply.TryParse("250 DSN\r\n", out var reply));
        Assert.False(SmtpCapabilities.FromEhloReply(reply).Dsn);
    }
}
