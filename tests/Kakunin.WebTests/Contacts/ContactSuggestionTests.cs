using Kakunin.Mail.Compose;
using Kakunin.Store.Contacts;
using Kakunin.Web.Ui.Contacts;

namespace Kakunin.WebTests.Contacts;

/// <summary>What a picked suggestion writes into To: a mailbox the compose form reads back with the same name and address.</summary>
public sealed class ContactSuggestionTests
{
    [Theory]
    [InlineData("Dana Scully", "Dana Scully <dana@remote.test>")]
    [InlineData("山田 太郎", "山田 太郎 <dana@remote.test>")]
    [InlineData("Scully, Dana", "\"Scully, Dana\" <dana@remote.test>")]
    [InlineData("D. \"Spooky\" S", "\"D. \\\"Spooky\\\" S\" <dana@remote.test>")]
    [InlineData(null, "dana@remote.test")]
    public void The_text_is_name_and_address_quoted_only_when_needed_and_reads_back_the_same(string? name, string expected)
    {
        var text = ContactSuggestion.From(new Contact(1, "dana@remote.test", name, true, 0, null, DateTimeOffset.UtcNow)).Text;

        Assert.Equal(expected, text);
        var mailbox = Assert.Single(AddressInput.Parse(text + ", other@remote.test").Mailboxes.Take(1));
        Assert.Equal(("dana@remote.test", name ?? string.Empty), (mailbox.Address, mailbox.Name ?? string.Empty));
    }
}
