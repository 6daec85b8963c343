using System.Net;
using Kakunin.IntegrationTests.Hardening;
using MailFolders = Kakunin.Store.MailFolders;
using MailKit;
using MailKit.Search;
using MimeKit;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// One mailbox, two views (issue 11, point 2): a MailKit client idling on the INBOX while the same user reads and then
/// deletes the message in the webmail over HTTP. IDLE (RFC 2177) must push the new \Seen flag (FETCH) and the
/// message's leaving the folder (EXPUNGE) at once, and the message is then in Trash over IMAP. Kakunin only: Dovecot
/// has no webmail.
/// </summary>
public sealed class WebmailAndImapTests(ImapServers servers) : IClassFixture<ImapServers>
{
    [Theory]
    [MemberData(nameof(ImapServers.KakuninOnly), MemberType = typeof(ImapServers))]
    public async Task Idle_sees_the_webmail_read_and_delete_a_message(ImapServerKind kind)
    {
        var target = Assert.IsType<KakuninImapTarget>(await servers.GetAsync(kind));
        var sent = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, ServerFixture.Unique("Read me in the browser"));
        await target.DeliverAsync(sent, ImapTarget.Alice);
        long storeId;
        await using (var store = await target.Server.OpenStoreAsync())
        {
            storeId = (await store.Mailboxes.ListAsync(ImapTarget.Alice, MailFolders.Inbox, CancellationToken.None))
                .Single(m => MimeMessage.Load(new MemoryStream(m.Content.ToArray())).MessageId == sent.MessageId).Id;
        }

        using var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = (await client.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", sent.MessageId!))).Single();
        var index = (await client.Inbox.FetchAsync([uid], MessageSummaryItems.UniqueId)).Single().Index;
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expunged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Inbox.MessageFlagsChanged += (_, e) =>
        {
            if (e.Index == index && e.Flags.HasFlag(MessageFlags.Seen))
            {
                seen.TrySetResult();
            }
        };
        client.Inbox.MessageExpunged += (_, e) =>
        {
            if (e.Index == index)
            {
                expunged.TrySetResult();
            }
        };

        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token);
        using var web = new WebSignIn(target.Server.HttpPort, IPAddress.Loopback);
        using (var signIn = await web.PostAsync(ImapTarget.Alice, ImapTarget.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        // Opening the message in the webmail reads it: IDLE gets * n FETCH (FLAGS (\Seen ...)).
        using (var page = await web.GetAsync($"/mail/Inbox/{storeId}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await WithinAsync(target, seen.Task, "FETCH (FLAGS (\\Seen)) during IDLE after the webmail opened the message");

        // Deleting it in the webmail moves it to Trash: IDLE gets * n EXPUNGE.
        using (var delete = await web.PostFormAsync($"/mail/Inbox/{storeId}", $"/mail/Inbox/{storeId}?handler=Delete"))
        {
            Assert.True(delete.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"webmail delete answered {(int)delete.StatusCode}");
        }

        await WithinAsync(target, expunged.Task, "EXPUNGE during IDLE after the webmail deleted the message");
        await done.CancelAsync();
        await idle;

        var trash = client.GetFolder(SpecialFolder.Trash)!;
        await trash.OpenAsync(FolderAccess.ReadOnly);
        Assert.Single(await trash.SearchAsync(SearchQuery.HeaderContains("Message-ID", sent.MessageId!)));
    }

    private static async Task WithinAsync(ImapTarget target, Task happened, string what)
    {
        var winner = await Task.WhenAny(happened, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(winner == happened, $"{target}: no {what} within 30 s\n--- server log ---\n{target.Log}");
    }
}
