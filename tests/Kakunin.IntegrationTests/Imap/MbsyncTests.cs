using System.Globalization;
using MailKit;
using MailKit.Search;
using MimeKit;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// mbsync (Debian's isync) keeping a local Maildir and the server's mailbox in step, as people who read mail with
/// mutt, notmuch or Emacs do: a full two-way sync (Patterns *), then a change on each side — a new message and a
/// flag locally, a delivery, a flag and a delete on the server, a delete locally — a second sync, and a third that
/// must change nothing. Every Message-ID is then on both sides exactly once, and the flags went both ways.
/// </summary>
public sealed class MbsyncTests(ImapServers servers) : IClassFixture<ImapServers>
{
    private const string Mbsync = "/usr/bin/mbsync";

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Two_way_sync_loses_and_duplicates_nothing(ImapServerKind kind)
    {
        Assert.True(File.Exists(Mbsync), $"{Mbsync} is not installed: apt-get install isync (see .ci/run)");
        var target = await servers.GetAsync(kind);
        var folder = Directory.CreateTempSubdirectory("kakunin-mbsync-").FullName;
        try
        {
            var local = Path.Combine(folder, "mail");
            var config = WriteConfig(target, folder, local);
            var marker = Guid.NewGuid().ToString("N")[..8];
            var m = Enumerable.Range(1, 4).Select(i => ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, $"Sync {i} {marker}")).ToList();
            foreach (var message in m)
            {
                await target.DeliverAsync(message, ImapTarget.Alice);
            }

            var draft = ImapServers.Message(ImapTarget.Alice, ImapTarget.Bob, $"Draft {marker}");
            using (var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice))
            {
                await client.GetFolder(SpecialFolder.Drafts)!.AppendAsync(draft, MessageFlags.Draft);
            }

            // 1. The first sync copies everything down.
            await SyncAsync(target, config);
            await AssertSameOnBothSidesAsync(target, local, "INBOX");
            await AssertSameOnBothSidesAsync(target, local, "Drafts");
            Assert.All(m, x => Assert.Contains(x.MessageId!, LocalMessages(local, "INBOX").Select(l => l.MessageId)));
            Assert.Contains(draft.MessageId!, LocalMessages(local, "Drafts").Select(l => l.MessageId));

            // 2. Changes on both sides. Locally: a new message, \Flagged on m1, m3 deleted (its file removed).
            var added = ImapServers.Message(ImapTarget.Alice, ImapTarget.Alice, $"Written locally {marker}");
            WriteLocalMessage(local, "INBOX", added);
            SetLocalFlag(local, "INBOX", m[0].MessageId!, 'F');
            File.Delete(LocalMessages(local, "INBOX").Single(l => l.MessageId == m[2].MessageId).Path);
            // On the server: a new delivery, m2 read by a second client (as the webmail would), m4 deleted and expunged.
            var delivered = ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, $"Arrived meanwhile {marker}");
            await target.DeliverAsync(delivered, ImapTarget.Alice);
            using (var client = await ImapServers.ConnectAsync(target, ImapTarget.Alice))
            {
                await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
                var m2 = (await client.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", m[1].MessageId!))).Single();
                await client.Inbox.AddFlagsAsync(m2, MessageFlags.Seen, silent: true);
                var m4 = (await client.Inbox.SearchAsync(SearchQuery.HeaderContains("Message-ID", m[3].MessageId!))).Single();
                await client.Inbox.AddFlagsAsync(m4, MessageFlags.Deleted, silent: true);
                await client.Inbox.ExpungeAsync();
            }

            // 3. The second sync carries each change across; nothing is lost or doubled.
            await SyncAsync(target, config);
            var ids = await AssertSameOnBothSidesAsync(target, local, "INBOX");
            Assert.Contains(added.MessageId!, ids);
            Assert.Contains(delivered.MessageId!, ids);
            Assert.Contains(m[0].MessageId!, ids);
            Assert.Contains(m[1].MessageId!, ids);
            Assert.DoesNotContain(m[2].MessageId!, ids);
            Assert.DoesNotContain(m[3].MessageId!, ids);
            var server = await target.StoredAsync(ImapTarget.Alice, "INBOX");
            Assert.True(server.Single(x => x.MessageId == m[0].MessageId).Has("\\Flagged"), $"{target}: the local flag did not reach the server");
            Assert.Contains('S', LocalMessages(local, "INBOX").Single(l => l.MessageId == m[1].MessageId).Flags);
            await AssertSameOnBothSidesAsync(target, local, "Drafts");

            // 4. A sync with nothing to do changes nothing.
            await SyncAsync(target, config);
            Assert.Equal(ids, await AssertSameOnBothSidesAsync(target, local, "INBOX"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string WriteConfig(ImapTarget target, string folder, string local)
    {
        var certificate = target.WriteCertificatePem(Path.Combine(folder, "server.pem"));
        var config = Path.Combine(folder, "mbsyncrc");
        Directory.CreateDirectory(local); // isync opens the Maildir store's Path; it creates the folders inside
        // isync 1.4: SSLType (TLSType from 1.5 on). The host is "localhost" because isync matches the certificate's DNS
        // names only, not IP addresses; both servers' certificates name localhost. CertificateFile trusts exactly the
        // server's own self-signed certificate.
        File.WriteAllText(config, $"""
            IMAPAccount server
            Host localhost
            Port {target.ImplicitTlsPort.ToString(CultureInfo.InvariantCulture)}
            User {ImapTarget.Alice}
            Pass "{ImapTarget.Password}"
            SSLType IMAPS
            CertificateFile {certificate}

            IMAPStore server
            Account server

            MaildirStore local
            Path {local}/
            Inbox {local}/INBOX
            SubFolders Verbatim

            Channel mail
            Far :server:
            Near :local:
            Patterns *
            Create Both
            Expunge Both
            SyncState *

            """);
        return config;
    }

    private static async Task SyncAsync(ImapTarget target, string config)
    {
        var (exit, output) = await ExternalClient.RunAsync(Mbsync, ["-c", config, "-a"]);
        Assert.True(exit == 0, $"{target}: mbsync exited with {exit}:\n{output}\n--- server log ---\n{target.Log}");
    }

    /// <summary>Both sides hold the same Message-IDs, each exactly once; returns them, sorted.</summary>
    private static async Task<List<string>> AssertSameOnBothSidesAsync(ImapTarget target, string local, string folder)
    {
        var near = LocalMessages(local, folder).Select(l => l.MessageId).Order(StringComparer.Ordinal).ToList();
        var far = (await target.StoredAsync(ImapTarget.Alice, folder)).Select(s => s.MessageId).Order(StringComparer.Ordinal).ToList();
        Assert.True(near.Distinct().Count() == near.Count, $"{target}: duplicates in the local {folder}: {string.Join(", ", near)}");
        Assert.True(far.Distinct().Count() == far.Count, $"{target}: duplicates in the server's {folder}: {string.Join(", ", far)}");
        Assert.True(near.SequenceEqual(far), $"{target}: {folder} differs.\nlocal:  {string.Join(", ", near)}\nserver: {string.Join(", ", far)}");
        return near;
    }

    /// <summary>The messages of a local Maildir folder (new and cur): file, Message-ID, and the flag letters after ":2,".</summary>
    private static List<(string Path, string MessageId, string Flags)> LocalMessages(string local, string folder) =>
        new[] { "new", "cur" }
            .SelectMany(sub => Directory.EnumerateFiles(Path.Combine(local, folder, sub)))
            .Select(path =>
            {
                var info = Path.GetFileName(path).Split(":2,");
                return (path, MimeMessage.Load(path).MessageId ?? string.Empty, info.Length > 1 ? info[1] : string.Empty);
            })
            .ToList();

    // Maildir: deliver into tmp/, then rename into new/ (the name must be unique; no ":2," info in new/).
    private static void WriteLocalMessage(string local, string folder, MimeMessage message)
    {
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test";
        var temporary = Path.Combine(local, folder, "tmp", name);
        message.WriteTo(temporary);
        File.Move(temporary, Path.Combine(local, folder, "new", name));
    }

    // Maildir: a flag is a letter after ":2," in the file name in cur/ (F = flagged, S = seen), letters in ASCII order.
    private static void SetLocalFlag(string local, string folder, string messageId, char flag)
    {
        var (path, _, flags) = LocalMessages(local, folder).Single(l => l.MessageId == messageId);
        var baseName = Path.GetFileName(path).Split(":2,")[0];
        var newFlags = new string(flags.Append(flag).Distinct().Order().ToArray());
        File.Move(path, Path.Combine(local, folder, "cur", $"{baseName}:2,{newFlags}"));
    }
}
