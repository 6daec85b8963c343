using Kakunin.Reports.Mdn;
using Kakunin.Reports.Receipts;
using static Kakunin.Reports.Tests.Receipts.ReceiptTestMessages;

namespace Kakunin.Reports.Tests.Receipts;

public class ReadReceiptRequestTests
{
    [Fact]
    public void Reads_several_addresses_and_the_return_path()
    {
        var request = ReadReceiptRequest.Detect(Message(dnt: "Alice <alice@example.com>, audit@example.com"));
        Assert.Equal(["alice@example.com", "audit@example.com"], request.NotificationAddresses.Select(a => a.Address));
        Assert.True(request.HasSeveralAddresses);
        Assert.Equal(["alice@example.com"], request.ReturnPaths);
        Assert.False(request.ReturnPathMatches);
    }

    [Fact]
    public void The_same_address_twice_is_one_distinct_address() =>
        Assert.False(ReadReceiptRequest.Detect(Message(dnt: "alice@example.com, Alice <alice@EXAMPLE.com>")).HasSeveralAddresses);

    [Fact]
    public void Null_return_path_is_an_empty_path_and_no_match()
    {
        var request = ReadReceiptRequest.Detect(Message(returnPath: ""));
        Assert.Equal([string.Empty], request.ReturnPaths);
        Assert.False(request.ReturnPathMatches);
    }

    [Fact]
    public void Two_return_paths_fail_the_comparison() =>
        Assert.False(ReadReceiptRequest.Detect(Message(extra: "Return-Path: <alice@example.com>\r\n")).ReturnPathMatches);

    [Fact]
    public void Original_recipient_header_is_reported() =>
        Assert.Equal(new MdnAddress("rfc822", "bob@example.com"),
            ReadReceiptRequest.Detect(Message(extra: "Original-Recipient: rfc822; bob@example.com\r\n")).OriginalRecipient);

    [Theory]
    [InlineData("a=required,x", OptionImportance.Required, false)]
    [InlineData("a = Optional , x , \"y z\"", OptionImportance.Optional, false)]
    [InlineData("a=maybe,x", OptionImportance.Required, true)]
    [InlineData("a=required", OptionImportance.Required, true)]
    public void Options_are_parsed_with_importance(string value, OptionImportance importance, bool malformed)
    {
        var option = Assert.Single(ReadReceiptRequest.Detect(Message(extra: $"Disposition-Notification-Options: {value}\r\n")).Options);
        Assert.Equal("a", option.Attribute);
        Assert.Equal(importance, option.Importance);
        Assert.Equal(malformed, option.IsMalformed);
        Assert.False(option.IsUnderstood);
    }
}
