using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kakunin.IntegrationTests;

/// <summary>Reads of the running server's database that the repositories do not offer (tracking rows, report state).</summary>
internal static class ServerDatabase
{
    public static SqliteConnection Open(KakuninProcess server)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "kakunin.db")};Default Timeout=10");
        connection.Open();
        return connection;
    }

    /// <summary>The newest tracked recipient with this address among the sender's records, or null.</summary>
    public static async Task<TrackedRow?> TrackedAsync(KakuninProcess server, string sender, string address)
    {
        await using var connection = Open(server);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT state, status, diagnostic, evidence, read_state, read_evidence, id, provenance, read_provenance, unverified_state, unverified_by " +
            "FROM tracking_recipients WHERE sender_user = $s AND address = $a ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$s", sender);
        command.Parameters.AddWithValue("$a", address);
        await using var r = await command.ExecuteReaderAsync();
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return await r.ReadAsync()
            ? new TrackedRow(r.GetString(0), Text(1), Text(2), Text(3), Text(4), Text(5)) { Id = r.GetInt64(6), Provenance = Text(7), ReadProvenance = Text(8), UnverifiedState = Text(9), UnverifiedBy = Text(10) }
            : null;
    }

    /// <summary>The events of a tracked recipient, in order: state word, provenance, who the report named, evidence, and the
    /// domain that vouched for an authenticated report.</summary>
    public static async Task<List<(string State, string? Provenance, string? ReportedBy, string? Evidence, string? VouchedBy)>> EventsAsync(KakuninProcess server, long trackingRecipientId)
    {
        await using var connection = Open(server);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, provenance, reported_by, evidence, vouched_by FROM tracking_events WHERE tracking_recipient_id = $r ORDER BY at, id";
        command.Parameters.AddWithValue("$r", trackingRecipientId);
        await using var r = await command.ExecuteReaderAsync();
        var list = new List<(string, string?, string?, string?, string?)>();
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync())
        {
            list.Add((r.GetString(0), Text(1), Text(2), Text(3), Text(4)));
        }

        return list;
    }

    /// <summary>The folder and report state of a stored message.</summary>
    public static async Task<(string Folder, string? ReportState)> StoredAsync(KakuninProcess server, long messageId)
    {
        await using var connection = Open(server);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT f.name, m.report_state FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id = $id";
        command.Parameters.AddWithValue("$id", messageId);
        await using var r = await command.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"no message {messageId}");
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
    }

    /// <summary>The mailbox message id of evidence "message:&lt;id&gt;" (docs/tracking.md).</summary>
    public static long EvidenceMessageId(string? evidence)
    {
        Assert.NotNull(evidence);
        Assert.StartsWith("message:", evidence, StringComparison.Ordinal);
        return long.Parse(evidence["message:".Length..], CultureInfo.InvariantCulture);
    }
}

/// <summary>A tracking_recipients row as the tests look at it.</summary>
internal sealed record TrackedRow(string State, string? Status, string? Diagnostic, string? Evidence, string? ReadState, string? ReadEvidence)
{
    public long Id { get; init; }

    /// <summary>Where the delivery state came from: local, authenticated or unverified (migration 7).</summary>
    public string? Provenance { get; init; }

    public string? ReadProvenance { get; init; }

    /// <summary>The latest unverified report's claim (an event word), which changed nothing.</summary>
    public string? UnverifiedState { get; init; }

    public string? UnverifiedBy { get; init; }
}
