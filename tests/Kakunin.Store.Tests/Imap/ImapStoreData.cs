using System.Globalization;
using System.Text;

namespace Kakunin.Store.Tests.Imap;

/// <summary>Small helpers for the IMAP store tests: a user, a message, and raw reads of the columns migration 10 added.</summary>
internal static class ImapStoreData
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<long> UserAsync(TempStore t, string name = "bob")
    {
        if (!await t.Store.Directory.IsLocalDomainAsync("example.com", Ct))
        {
            await t.Store.Directory.AddDomainAsync("example.com", Ct);
        }

        return await t.Store.Directory.AddUserAsync($"{name}@example.com", "pw", Ct);
    }

    public static byte[] Message(string subject, string? messageId = null) => Encoding.ASCII.GetBytes(
        $"From: Alice Example <alice@other.test>\r\nTo: bob@example.com\r\nSubject: {subject}\r\n" +
        (messageId is null ? string.Empty : $"Message-ID: <{messageId}>\r\n") +
        "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nHello.\r\n");

    public static Task<long> DeliverAsync(TempStore t, long userId, string folder, string subject, string flags = "") =>
        t.Store.Writer.WriteAsync(tx => MailboxRepository.Append(tx, userId, folder, Message(subject), flags, DateTimeOffset.UnixEpoch), Ct);

    public static async Task<long> ScalarAsync(TempStore t, string sql)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    public static async Task<List<long[]>> RowsAsync(TempStore t, string sql)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // test SQL
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<long[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new long[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetInt64(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>(uid, modseq) of a message.</summary>
    public static async Task<(long Uid, long ModSeq)> UidOfAsync(TempStore t, long messageId)
    {
        var row = (await RowsAsync(t, $"SELECT uid, modseq FROM messages WHERE id = {messageId}")).Single();
        return (row[0], row[1]);
    }

    /// <summary>(uid_next, highest_modseq, uid_validity) of a user's folder.</summary>
    public static async Task<(long UidNext, long HighestModSeq, long UidValidity)> FolderAsync(TempStore t, long userId, string name)
    {
        var row = (await RowsAsync(t, $"SELECT uid_next, highest_modseq, uid_validity FROM folders WHERE user_id = {userId} AND name = '{name}'")).Single();
        return (row[0], row[1], row[2]);
    }

    public static Task<List<long[]>> ExpungedAsync(TempStore t, long userId, string name) =>
        RowsAsync(t, $"SELECT e.uid, e.modseq FROM expunged e JOIN folders f ON f.id = e.folder_id WHERE f.user_id = {userId} AND f.name = '{name}' ORDER BY e.modseq");
}
