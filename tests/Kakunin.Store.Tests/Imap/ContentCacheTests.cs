using System.Text;
using Kakunin.Store.Imap;
using Kakunin.Store.Integrity;
using Microsoft.Data.Sqlite;
using static Kakunin.Store.Tests.Imap.ImapStoreData;

namespace Kakunin.Store.Tests.Imap;

/// <summary>
/// The content cache (migration 11) on a real store file: filled at append, used by header and ENVELOPE fetches (a
/// header fetch reads only the header's bytes: damage further in goes unnoticed by it and is caught by BODY[]), filled
/// later for mail stored without it, and every cached value still checked against its own checksum.
/// </summary>
public sealed class ContentCacheTests
{
    // Written out by hand: the header block is everything up to and including the empty line (RFC 5322 §2.1).
    private const string Header =
        "From: Alice Example <alice@other.test>\r\nTo: bob@example.com\r\nSubject: Contract KX-7731\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n";

    private static readonly byte[] BodyMarker = Encoding.ASCII.GetBytes("ATTACHMENT-MIDDLE-MARKER-5521");
    private static readonly byte[] HeaderMarker = Encoding.ASCII.GetBytes("Contract KX-7731");
    private static readonly FetchWants HeaderOnly = new(true, false, EnvelopeWanted.None);
    private static readonly FetchWants EnvelopeOnly = new(false, false, EnvelopeWanted.Ascii);

    // A message with an attachment-sized body (100 KB: overflow pages well past the header's), a marker in its middle.
    private static byte[] BigMessage()
    {
        var filler = new string('A', 50_000);
        return Encoding.ASCII.GetBytes(Header + filler + Encoding.ASCII.GetString(BodyMarker) + filler + "\r\n");
    }

    [Fact]
    public async Task A_new_message_gets_its_header_length_and_checksum_when_it_is_stored()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);

        var row = (await RowsAsync(t, "SELECT header_length, envelope IS NULL FROM content_cache")).Single();
        Assert.Equal(Encoding.ASCII.GetByteCount(Header), row[0]);
        Assert.Equal(1, row[1]); // the ENVELOPE comes when a client first asks for it
        Assert.Equal(1, await ScalarAsync(t, $"SELECT header_sha256 = '{ContentChecksum.Of(Encoding.ASCII.GetBytes(Header))}' FROM content_cache"));
    }

    [Fact]
    public async Task A_header_fetch_reads_only_the_header_so_damage_in_an_attachment_is_left_to_the_whole_read()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);
        var found = await DamageAsync(t, BodyMarker, "ATTACHMENT-MIDDLE-MARKER-9999");
        var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.FolderId;

        var header = await t.Store.Imap.FetchAsync(bob, folder, [1], HeaderOnly, Ct).SingleAsync(Ct);
        Assert.False(header.IsDamaged);
        Assert.Equal(Header, Encoding.ASCII.GetString(header.Header!.Value.Span));
        Assert.Empty(found); // the changed byte lies beyond the header: not read, so not checked

        var whole = await t.Store.Imap.FetchAsync(bob, folder, [1], new FetchWants(false, true, EnvelopeWanted.None), Ct).SingleAsync(Ct);
        Assert.True(whole.IsDamaged);
        Assert.Equal(1, Assert.Single(found).Id);
    }

    [Fact]
    public async Task A_changed_byte_inside_the_header_is_still_found_by_a_header_fetch()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);
        var found = await DamageAsync(t, HeaderMarker, "Contract KX-7732");
        var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.FolderId;

        var header = await t.Store.Imap.FetchAsync(bob, folder, [1], HeaderOnly, Ct).SingleAsync(Ct);

        Assert.True(header.IsDamaged);
        Assert.Contains("KX-7732", Encoding.ASCII.GetString(header.Header!.Value.Span), StringComparison.Ordinal); // as stored
        Assert.Contains("header of message 1", Assert.Single(found).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_stored_without_a_cache_row_is_read_whole_once_and_cached_for_the_next_fetch()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);
        await t.Store.Writer.WriteAsync(tx => tx.Execute("DELETE FROM content_cache"), Ct); // as mail from before migration 11
        var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.FolderId;

        var first = await t.Store.Imap.FetchAsync(bob, folder, [1], HeaderOnly, Ct).SingleAsync(Ct);
        Assert.Equal(Header, Encoding.ASCII.GetString(first.Header!.Value.Span));
        await WaitAsync(async () => await ScalarAsync(t, "SELECT COUNT(*) FROM content_cache") == 1);
        Assert.Equal(Encoding.ASCII.GetByteCount(Header), await ScalarAsync(t, "SELECT header_length FROM content_cache"));

        // From now on the attachment is no longer read by a header fetch: damage there goes unnoticed by it.
        var found = await DamageAsync(t, BodyMarker, "ATTACHMENT-MIDDLE-MARKER-9999");
        var second = await t.Store.Imap.FetchAsync(bob, folder, [1], HeaderOnly, Ct).SingleAsync(Ct);
        Assert.False(second.IsDamaged);
        Assert.Empty(found);
    }

    [Fact]
    public async Task A_remembered_envelope_is_given_instead_of_the_header_and_damage_to_it_is_found()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);
        var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.FolderId;

        // Not cached yet: the header comes instead, for the caller to build the ENVELOPE from.
        var first = await t.Store.Imap.FetchAsync(bob, folder, [1], EnvelopeOnly, Ct).SingleAsync(Ct);
        Assert.Null(first.Envelope);
        Assert.Equal(Header, Encoding.ASCII.GetString(first.Header!.Value.Span));

        // The store keeps the text as given (it is the IMAP layer's to write); a unique marker stands in for it here.
        const string Text = "(\"ENVELOPE-TEXT-MARKER-4417\" NIL)";
        t.Store.Imap.RememberEnvelope(first.ContentId!.Value, Encoding.ASCII.GetBytes(Text), null);
        t.Store.Imap.CacheWriteBack.Flush();
        await WaitAsync(async () => await ScalarAsync(t, "SELECT COUNT(*) FROM content_cache WHERE envelope IS NOT NULL") == 1);

        var cached = await t.Store.Imap.FetchAsync(bob, folder, [1], EnvelopeOnly, Ct).SingleAsync(Ct);
        Assert.Equal(Text, Encoding.ASCII.GetString(cached.Envelope!.Value.Span));
        Assert.Null(cached.Header); // no message byte read
        var utf8 = await t.Store.Imap.FetchAsync(bob, folder, [1], EnvelopeOnly with { Envelope = EnvelopeWanted.Utf8 }, Ct).SingleAsync(Ct);
        Assert.Equal(Text, Encoding.ASCII.GetString(utf8.Envelope!.Value.Span)); // no 8-bit octets: one text serves both

        var found = await DamageAsync(t, Encoding.ASCII.GetBytes("ENVELOPE-TEXT-MARKER-4417"), "ENVELOPE-TEXT-MARKER-4418");
        var damaged = await t.Store.Imap.FetchAsync(bob, folder, [1], EnvelopeOnly, Ct).SingleAsync(Ct);
        Assert.Null(damaged.Envelope); // never the damaged text: the header instead, to build it afresh
        Assert.Equal(Header, Encoding.ASCII.GetString(damaged.Header!.Value.Span));
        Assert.Contains("cached ENVELOPE of message 1", Assert.Single(found).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cache_row_goes_with_the_last_message_that_holds_the_content()
    {
        await using var t = await TempStore.OpenAsync();
        var bob = await UserAsync(t);
        await t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, bob, "Inbox", BigMessage(), string.Empty, DateTimeOffset.UnixEpoch), Ct);
        var folder = (await t.Store.Imap.OpenAsync(bob, "Inbox", Ct))!.FolderId;
        await t.Store.Imap.StoreFlagsAsync(bob, folder, [1], FlagOperation.Add, ["\\Deleted"], null, Ct);
        await t.Store.Imap.ExpungeAsync(bob, folder, null, Ct);

        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM message_contents"));
        Assert.Equal(0, await ScalarAsync(t, "SELECT COUNT(*) FROM content_cache"));
    }

    // Closes the store, changes the marker's bytes in the file where they lie, reopens; returns the damage reported from then on.
    private static async Task<List<DamagedContent>> DamageAsync(TempStore t, byte[] marker, string replacement)
    {
        await t.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(t.Folder, "kakunin.db");
        DamagedFile.Checkpoint(path);
        DamagedFile.ChangeInPlace(path, marker, Encoding.ASCII.GetBytes(replacement));
        await t.ReopenAsync();
        var found = new List<DamagedContent>();
        t.Store.Integrity.ContentDamaged += found.Add;
        return found;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(await condition());
    }
}
