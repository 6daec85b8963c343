using Kakunin.Imap.Search;

namespace Kakunin.Imap.Tests;

public sealed class SearchKeyTests
{
    [Fact]
    public void Only_keys_beyond_the_stored_summary_need_the_message_bytes()
    {
        Assert.False(new AndKey([new HeaderKey("subject", "見積"), new FlagKey("\\Seen", false)]).NeedsContent);
        Assert.True(new OrKey(new HeaderKey("Cc", "bob"), new AllKey()).NeedsContent);
        Assert.True(new NotKey(new TextKey("contract", BodyOnly: true)).NeedsContent);
    }
}
