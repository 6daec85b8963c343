using System.Text.Json;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>
/// Python's imaplib (Debian's /usr/bin/python3), the library behind many scripts and tools, through a whole session:
/// STARTTLS with the certificate checked, LIST, SELECT, UID SEARCH/FETCH/STORE/COPY/MOVE, EXPUNGE, STATUS
/// (Imap/Scripts/imaplib_session.py). The test checks what the script printed and what the server stored.
/// </summary>
public sealed class PythonImaplibTests(ImapServers servers) : IClassFixture<ImapServers>
{
    private const string Python = "/usr/bin/python3";

    [Theory]
    [MemberData(nameof(ImapServers.Both), MemberType = typeof(ImapServers))]
    public async Task Imaplib_lists_searches_fetches_flags_copies_moves_and_expunges(ImapServerKind kind)
    {
        Assert.True(File.Exists(Python), $"{Python} is not installed: apt-get install python3 (see .ci/run)");
        var target = await servers.GetAsync(kind);
        var marker = Guid.NewGuid().ToString("N")[..12];
        var messages = Enumerable.Range(1, 3).Select(i => ImapServers.Message("carol@partner.example.org", ImapTarget.Alice, $"Report {i} {marker}")).ToList();
        foreach (var message in messages)
        {
            await target.DeliverAsync(message, ImapTarget.Alice);
        }

        var folder = Directory.CreateTempSubdirectory("kakunin-imaplib-").FullName;
        try
        {
            var cafile = target.WriteCertificatePem(Path.Combine(folder, "server.pem"));
            var script = Path.Combine(AppContext.BaseDirectory, "Imap", "Scripts", "imaplib_session.py");
            var (exit, output) = await ExternalClient.RunAsync(Python, [script, ImapTarget.Host, target.StartTlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ImapTarget.Alice, ImapTarget.Password, cafile, marker]);
            Assert.True(exit == 0, $"{target}: imaplib_session.py exited with {exit}:\n{output}\n--- server log ---\n{target.Log}");
            using var json = JsonDocument.Parse(output);
            var result = json.RootElement;

            // LIST: INBOX and the special-use folders with their RFC 6154 attributes.
            var folders = result.GetProperty("folders").EnumerateArray().ToDictionary(
                f => f.GetProperty("name").GetString()!, f => f.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()!).ToList());
            Assert.Contains("INBOX", folders.Keys);
            Assert.Contains("\\Sent", folders["Sent"]);
            Assert.Contains("\\Trash", folders["Trash"]);

            // UID FETCH: the three delivered messages, in UID order = delivery order, unread.
            var fetched = result.GetProperty("fetched").EnumerateArray().ToList();
            Assert.Equal(messages.Select(m => m.Subject), fetched.Select(f => f.GetProperty("subject").GetString()));
            Assert.Equal(messages.Select(m => m.MessageId), fetched.Select(f => f.GetProperty("message_id").GetString()));
            Assert.All(fetched, f => Assert.DoesNotContain("\\Seen", f.GetProperty("flags").EnumerateArray().Select(x => x.GetString())));
            Assert.All(fetched, f => Assert.True(f.GetProperty("size").GetInt32() > 100));

            // UID STORE answers with the new FLAGS (RFC 9051 §6.4.6); UID COPY with COPYUID (RFC 4315 §3).
            Assert.Contains("\\Flagged", result.GetProperty("stored_flags").EnumerateArray().Select(x => x.GetString()));
            Assert.Matches(@"^\d+ \d+ \d+$", result.GetProperty("copy").GetString()); // uidvalidity source-uid destination-uid
            Assert.Single(result.GetProperty("expunged").EnumerateArray());
            Assert.Equal([fetched[0].GetProperty("uid").GetString()], result.GetProperty("inbox_left").EnumerateArray().Select(x => x.GetString()));

            // The new folder holds the copy (still \Flagged) and the moved message.
            Assert.Equal(2, result.GetProperty("archive_exists").GetInt32());
            var archived = result.GetProperty("archive").EnumerateArray().ToDictionary(a => a.GetProperty("subject").GetString()!, a => a.GetProperty("flags").EnumerateArray().Select(x => x.GetString()).ToList());
            Assert.Equal(new[] { messages[0].Subject, messages[1].Subject }.Order(), archived.Keys.Order());
            Assert.Contains("\\Flagged", archived[messages[0].Subject!]);
            Assert.DoesNotContain("\\Flagged", archived[messages[1].Subject!]);

            // And the server's own record agrees.
            var inbox = await target.StoredAsync(ImapTarget.Alice, "INBOX");
            Assert.True(inbox.Single(m => m.MessageId == messages[0].MessageId).Has("\\Flagged"));
            Assert.DoesNotContain(inbox, m => m.MessageId == messages[1].MessageId || m.MessageId == messages[2].MessageId);
            var archive = await target.StoredAsync(ImapTarget.Alice, $"Archive-{marker}");
            Assert.Equal(new[] { messages[0].MessageId, messages[1].MessageId }.Order(), archive.Select(m => m.MessageId).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
