namespace Kakunin.Protocol.Tests;

public class EsmtpCommandParserTests
{
    private static readonly EsmtpOptions Options = new(MaxMessageSize: 10_000_000, Auth: true);

    private static string ErrorOf<T>(SmtpCommandResult<T> result)
        where T : class
    {
        Assert.False(result.IsSuccess);
        return result.Error.Format();
    }

    [Fact]
    public void Parses_mail_from_with_every_parameter()
    {
        var r = EsmtpCommandParser.ParseMailFrom("FROM:<a@b.example> SIZE=1000 BODY=8BITMIME RET=HDRS ENVID=QQ314159 SMTPUTF8 AUTH=joe+2Bx@b.example", Options);
        Assert.True(r.IsSuccess, r.Error?.Format());
        var c = r.Value;
        Assert.Equal(Mailbox.Parse("a@b.example"), c.ReversePath.Mailbox);
        Assert.Equal(1000, c.Size);
        Assert.Equal(BodyType.EightBitMime, c.Body);
        Assert.Equal(DsnReturn.Headers, c.Return);
        Assert.Equal("QQ314159", c.EnvelopeId);
        Assert.True(c.SmtpUtf8);
        Assert.Equal("joe+x@b.example", c.Auth?.Identity);
    }

    [Fact]
    public void Keywords_and_enumerated_values_are_case_insensitive()
    {
        var r = EsmtpCommandParser.ParseMailFrom("from:<> size=10 body=7bit ret=full", Options);
        Assert.True(r.IsSuccess, r.Error?.Format());
        Assert.True(r.Value.ReversePath.IsNull);
        Assert.Equal(BodyType.SevenBit, r.Value.Body);
        Assert.Equal(DsnReturn.Full, r.Value.Return);
    }

    [Fact]
    public void Tolerates_a_space_after_the_colon() =>
        Assert.True(EsmtpCommandParser.ParseMailFrom("FROM: <a@b.example>", Options).IsSuccess);

    [Theory]
    [InlineData("FROM:<a@b.example> SIZE=10000001", "552 5.3.4 ")]              // RFC 1870 §6.1
    [InlineData("FROM:<a@b.example> SIZE=99999999999999999999", "552 5.3.4 ")]   // 20 digits, over any limit
    [InlineData("FROM:<a@b.example> SIZE=123456789012345678901", "501 5.5.4 ")]  // RFC 1870: at most 20 digits
    [InlineData("FROM:<a@b.example> SIZE=-1", "501 5.5.4 ")]
    [InlineData("FROM:<a@b.example> SIZE=1 size=2", "501 5.5.4 Duplicate parameter SIZE")]
    [InlineData("FROM:<a@b.example> FOO=bar", "555 5.5.4 ")]                      // RFC 5321 §4.1.1.11
    [InlineData("FROM:<a@b.example> BODY=9BIT", "501 5.5.4 ")]
    [InlineData("FROM:<a@b.example> BODY=BINARYMIME", "555 5.5.4 ")]              // BINARYMIME not advertised
    [InlineData("FROM:<a@b.example> RET=ALL", "501 5.5.4 ")]                      // RFC 3461 §4.3
    [InlineData("FROM:<a@b.example> ENVID=a+2b", "501 5.5.4 ")]                   // RFC 3461 §4: upper-case hex
    [InlineData("FROM:<a@b.example> SMTPUTF8=yes", "501 5.5.4 ")]                 // RFC 6531 §3.4: no value
    [InlineData("FROM:<a@b.example> AUTH=a=b", "501 5.5.4 ")]
    [InlineData("FROM:<a@b.example> SIZE=", "501 5.5.4 ")]
    [InlineData("FROM:<a@b.example> -X", "501 5.5.4 ")]
    [InlineData("FROM:<用户@b.example>", "553 5.6.7 ")]                           // RFC 6531 §3.7.4.1
    [InlineData("FROM:<a@@b.example>", "501 5.1.7 ")]
    [InlineData("FROM:<a@b.example>x", "501 5.1.7 ")]
    [InlineData("FROM:a@b.example", "501 5.1.7 ")]
    [InlineData("FROM:<@x:a@b.example", "501 5.1.7 ")]
    [InlineData("TO:<a@b.example>", "501 5.5.2 ")]
    public void Mail_from_errors_give_the_exact_reply(string arguments, string expectedPrefix) =>
        Assert.StartsWith(expectedPrefix, ErrorOf(EsmtpCommandParser.ParseMailFrom(arguments, Options)), StringComparison.Ordinal);

    [Fact]
    public void Envid_is_limited_to_100_characters() // RFC 3461 §4.4
    {
        Assert.True(EsmtpCommandParser.ParseMailFrom("FROM:<> ENVID=" + new string('x', 100), Options).IsSuccess);
        Assert.StartsWith("501 5.5.4 ", ErrorOf(EsmtpCommandParser.ParseMailFrom("FROM:<> ENVID=" + new string('x', 101), Options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RET=FULL")]
    [InlineData("ENVID=x")]
    [InlineData("SMTPUTF8")]
    [InlineData("BODY=8BITMIME")]
    [InlineData("AUTH=<>")]
    [InlineData("SIZE=1")]
    public void Parameters_of_unadvertised_extensions_get_555(string parameter)
    {
        var none = new EsmtpOptions(Size: false, EightBitMime: false, SmtpUtf8: false, Dsn: false, Auth: false);
        Assert.StartsWith("555 5.5.4 ", ErrorOf(EsmtpCommandParser.ParseMailFrom("FROM:<a@b.example> " + parameter, none)), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_sender_is_fine_with_smtputf8()
    {
        var r = EsmtpCommandParser.ParseMailFrom("FROM:<用户@例え.jp> SMTPUTF8", Options);
        Assert.True(r.IsSuccess, r.Error?.Format());
        Assert.Equal("用户", r.Value.ReversePath.Mailbox?.LocalPart);
    }

    [Fact]
    public void Auth_null_identity() // RFC 4954 §5: AUTH=<>
    {
        var r = EsmtpCommandParser.ParseMailFrom("FROM:<> AUTH=<>", Options);
        Assert.True(r.IsSuccess, r.Error?.Format());
        Assert.Same(AuthParameter.Unknown, r.Value.Auth);
    }

    [Fact]
    public void Parses_rcpt_to_with_dsn_parameters()
    {
        var r = EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Joe+2BSmith@b.example", Options, smtpUtf8Transaction: false);
        Assert.True(r.IsSuccess, r.Error?.Format());
        Assert.Equal(DsnNotify.Success | DsnNotify.Failure, r.Value.Notify);
        Assert.Equal(new TypedAddress("rfc822", "Joe+Smith@b.example"), r.Value.OriginalRecipient);
        Assert.Equal("rfc822;Joe+2BSmith@b.example", r.Value.OriginalRecipientParameter);
        Assert.Equal("rfc822;Joe+2BSmith@b.example", r.Value.OriginalRecipient!.Encode());
    }

    [Theory]
    [InlineData("never", DsnNotify.Never)]
    [InlineData("DELAY", DsnNotify.Delay)]
    [InlineData("Success,Failure,Delay", DsnNotify.Success | DsnNotify.Failure | DsnNotify.Delay)]
    public void Notify_values(string value, DsnNotify expected)
    {
        var r = EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> NOTIFY=" + value, Options, false);
        Assert.True(r.IsSuccess, r.Error?.Format());
        Assert.Equal(expected, r.Value.Notify);
    }

    [Theory]
    [InlineData("TO:<a@b.example> NOTIFY=NEVER,SUCCESS", "501 5.5.4 ")]   // RFC 3461 §4.1
    [InlineData("TO:<a@b.example> NOTIFY=SOMETIMES", "501 5.5.4 ")]
    [InlineData("TO:<a@b.example> NOTIFY=SUCCESS,", "501 5.5.4 ")]
    [InlineData("TO:<a@b.example> NOTIFY=DELAY NOTIFY=DELAY", "501 5.5.4 ")]
    [InlineData("TO:<a@b.example> ORCPT=rfc822", "501 5.5.4 ")]          // RFC 3461 §4.2: addr-type ";" xtext
    [InlineData("TO:<a@b.example> ORCPT=rfc822;a+2bb", "501 5.5.4 ")]
    [InlineData("TO:<a@b.example> ORCPT=utf-8;\\x{41}", "501 5.5.4 ")]  // RFC 6533 §3 HEXPOINT
    [InlineData("TO:<a@b.example> SIZE=1", "555 5.5.4 ")]               // a MAIL parameter on RCPT
    [InlineData("TO:<>", "501 5.1.3 ")]
    [InlineData("TO:<a b@b.example>", "501 5.1.3 ")]
    [InlineData("TO:<用户@b.example>", "553 5.6.7 ")]                   // RFC 6531 §3.7.4.1
    public void Rcpt_to_errors_give_the_exact_reply(string arguments, string expectedPrefix) =>
        Assert.StartsWith(expectedPrefix, ErrorOf(EsmtpCommandParser.ParseRcptTo(arguments, Options, false)), StringComparison.Ordinal);

    [Fact]
    public void Orcpt_is_limited_to_500_characters() // RFC 3461 §4.2
    {
        var value = "rfc822;" + new string('a', 493);
        Assert.Equal(500, value.Length);
        Assert.True(EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> ORCPT=" + value, Options, false).IsSuccess);
        Assert.StartsWith("501 5.5.4 ", ErrorOf(EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> ORCPT=" + value + "a", Options, false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_orcpt_in_xtext_and_unitext() // RFC 6533 §3
    {
        var x = EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> ORCPT=utf-8;\\x{7528}\\x{6237}@b.example", Options, false);
        Assert.True(x.IsSuccess, x.Error?.Format());
        Assert.Equal(new TypedAddress("utf-8", "用户@b.example"), x.Value.OriginalRecipient);
        Assert.Equal("utf-8;\\x{7528}\\x{6237}@b.example", x.Value.OriginalRecipient!.Encode());

        Assert.False(EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> ORCPT=utf-8;用户@b.example", Options, false).IsSuccess);
        var u = EsmtpCommandParser.ParseRcptTo("TO:<a@b.example> ORCPT=utf-8;用户@b.example", Options, true);
        Assert.True(u.IsSuccess, u.Error?.Format());
        Assert.Equal("用户@b.example", u.Value.OriginalRecipient?.Address);
    }

    [Fact]
    public void Postmaster_and_utf8_recipients()
    {
        var p = EsmtpCommandParser.ParseRcptTo("TO:<postmaster>", Options, false);
        Assert.True(p.IsSuccess);
        Assert.True(p.Value.ForwardPath.IsLocalPostmaster);

        var u = EsmtpCommandParser.ParseRcptTo("TO:<用户@例え.jp>", Options, smtpUtf8Transaction: true);
        Assert.True(u.IsSuccess, u.Error?.Format());
    }
}
