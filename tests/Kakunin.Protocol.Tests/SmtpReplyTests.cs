namespace Kakunin.Protocol.Tests;

public class SmtpReplyTests
{
    [Fact]
    public void Formats_single_line_with_enhanced_code() =>
        Assert.Equal("550 5.1.1 Mailbox unavailable: no such user\r\n", SmtpReplies.UnknownUser.Format());

    [Fact]
    public void Formats_multiline_with_continuation_and_the_code_on_every_line()
    {
        // RFC 5321 §4.2.1: "250-" on all lines but the last; RFC 2034 §4: enhanced code on each line.
        var reply = new SmtpReply(250, EnhancedStatusCodes.Success, "first", "second", "third");
        Assert.Equal("250-2.0.0 first\r\n250-2.0.0 second\r\n250 2.0.0 third\r\n", reply.Format());
    }

    [Fact]
    public void Greeting_and_354_carry_no_enhanced_code()
    {
        Assert.Equal("220 mx.example ESMTP Kakunin ready\r\n", SmtpReplies.ServiceReady("mx.example").Format());
        Assert.StartsWith("354 Start mail input", SmtpReplies.StartMailInput.Format(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250 2.0.0 OK\r\n", 250, "2.0.0", new[] { "OK" })]
    [InlineData("550 5.1.1 No such user\r\n", 550, "5.1.1", new[] { "No such user" })]
    [InlineData("250-mx.example\r\n250-PIPELINING\r\n250 DSN\r\n", 250, null, new[] { "mx.example", "PIPELINING", "DSN" })]
    [InlineData("250\r\n", 250, null, new[] { "" })]
    [InlineData("250 2.0.0\r\n", 250, "2.0.0", new[] { "" })]
    [InlineData("550 2.1.1 mismatched class\r\n", 550, null, new[] { "2.1.1 mismatched class" })]
    [InlineData("452 4.5.3 Too many\n", 452, "4.5.3", new[] { "Too many" })]
    public void Parses_replies(string text, int code, string? enhanced, string[] lines)
    {
        Assert.True(SmtpReply.TryParse(text, out var reply));
        Assert.Equal(code, reply.Code);
        Assert.Equal(enhanced, reply.EnhancedCode?.ToString());
        Assert.Equal(lines, reply.Lines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25 x\r\n")]
    [InlineData("250-a\r\n251 b\r\n")]   // all lines share one code
    [InlineData("250 a\r\n250 b\r\n")]   // only the last line has SP
    [InlineData("250-a\r\n250-b\r\n")]   // the last line must have SP
    [InlineData("650 x\r\n")]
    [InlineData("1xx x\r\n")]
    [InlineData("250xtext\r\n")]
    [InlineData("250 a\0b\r\n")]      // found by the property test: NUL in the text
    public void Rejects_malformed_replies(string text) => Assert.False(SmtpReply.TryParse(text, out _));

    [Fact]
    public void Format_then_parse_gives_the_same_reply()
    {
        var reply = new SmtpReply(452, EnhancedStatusCodes.TooManyRecipients, "one", "", "three");
        Assert.True(SmtpReply.TryParse(reply.Format(), out var parsed));
        Assert.Equal(reply, parsed);
    }

    [Fact]
    public void Refuses_line_breaks_in_text_and_mismatched_codes()
    {
        Assert.Throws<ArgumentException>(() => new SmtpReply(250, null, "a\r\n250 injected"));
        Assert.Throws<ArgumentException>(() => new SmtpReply(550, EnhancedStatusCodes.Success, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpReply(199, null, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpReply(260, null, "x"));
    }

    [Theory]
    [InlineData(nameof(SmtpReplies.TooManyRecipients), "452 4.5.3")]
    [InlineData(nameof(SmtpReplies.BadSequence), "503 5.5.1")]
    [InlineData(nameof(SmtpReplies.AuthenticationRequired), "530 5.7.0")]
    [InlineData(nameof(SmtpReplies.AuthenticationFailed), "535 5.7.8")]
    [InlineData(nameof(SmtpReplies.RelayDenied), "550 5.7.1")]
    [InlineData(nameof(SmtpReplies.NonAsciiAddressNotPermitted), "553 5.6.7")]
    [InlineData(nameof(SmtpReplies.ShuttingDown), "421 4.3.2")]
    [InlineData(nameof(SmtpReplies.Timeout), "421 4.4.2")]
    [InlineData(nameof(SmtpReplies.LocalError), "451 4.3.0")]
    [InlineData(nameof(SmtpReplies.SyntaxError), "500 5.5.2")]
    [InlineData(nameof(SmtpReplies.NotImplemented), "502 5.5.1")]
    [InlineData(nameof(SmtpReplies.ParameterNotImplemented), "504 5.5.4")]
    [InlineData(nameof(SmtpReplies.MailboxNameNotAllowed), "553 5.1.3")]
    public void Named_replies_have_the_chosen_codes(string name, string prefix)
    {
        var reply = (SmtpReply)typeof(SmtpReplies).GetField(name)!.GetValue(null)!;
        Assert.StartsWith(prefix + " ", reply.Format(), StringComparison.Ordinal);
    }
}
