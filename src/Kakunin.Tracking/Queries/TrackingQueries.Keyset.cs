using Kakunin.Protocol;
using Kakunin.Store;

namespace Kakunin.Tracking;

/// <summary>The API's paging of the Tracking lists: by the last row's sort key, not by page number (<see cref="TrackingListCursor"/>).</summary>
public sealed partial class TrackingQueries
{
    // The sort key of each list, the first column of its ORDER BY (see Filters); All is in id order alone.
    private static readonly Dictionary<TrackingFilter, string?> SortKeys = new()
    {
        [TrackingFilter.All] = null,
        [TrackingFilter.Failed] = "r.state_at",
        [TrackingFilter.Delayed] = "r.state_at",
        [TrackingFilter.Unread] = "r.awaiting_read_since",
        [TrackingFilter.Read] = "r.read_at",
    };

    /// <summary>
    /// Up to <paramref name="pageSize"/> rows of a Tracking list after <paramref name="after"/> (null: from the top),
    /// in the list's order (newest first), and the cursor of the last row when more follow.
    /// </summary>
    /// <exception cref="ArgumentException">The cursor belongs to another list.</exception>
    public async Task<(IReadOnlyList<TrackingRow> Rows, TrackingListCursor? Next)> GetPageAfterAsync(
        string user, TrackingFilter filter, TimeSpan unreadAfter, TrackingListCursor? after, int pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (after is not null && after.Filter != filter)
        {
            throw new ArgumentException($"The cursor is for the {after.Filter} list, not {filter}.", nameof(after));
        }

        pageSize = Math.Clamp(pageSize, 1, MailboxRepository.MaxPageSize);
        var (where, order) = Filters[filter];
        var key = SortKeys[filter];
        // Strictly after the last row in (key DESC, id DESC) order: the same index range as the list, entered at the cursor.
        var seek = after is null ? string.Empty
            : key is null ? " AND r.id < @afterId"
            : $" AND ({key} < @afterKey OR ({key} = @afterKey AND r.id < @afterId))";
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            $"WITH page AS (SELECT r.id FROM tracking_recipients r WHERE {where}{seek} ORDER BY {order} LIMIT @limit) " +
            $"SELECT t.id, t.sent_message_id, t.subject, t.submitted_at, {RecipientColumns}, {key ?? "NULL"} FROM page JOIN tracking_recipients r ON r.id = page.id " +
            $"JOIN tracking_messages t ON t.id = r.tracking_message_id ORDER BY {order}",
            ("@u", MailboxIdentity.KeyOf(user)), ("@cutoff", Sql.ToUnixMs(now - unreadAfter)), ("@limit", pageSize + 1),
            ("@afterKey", after?.Key), ("@afterId", after?.Id));
        var rows = new List<(TrackingRow Row, long? Key)>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var keyColumn = reader.FieldCount - 1;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new TrackingRow(reader.GetInt64(0), Sql.NullableInt64(reader, 1), Sql.NullableString(reader, 2), Sql.FromUnixMs(reader.GetInt64(3)), ReadRecipient(reader, 4));
                rows.Add((row, Sql.NullableInt64(reader, keyColumn)));
            }
        }

        if (rows.Count <= pageSize)
        {
            return ([.. rows.Select(r => r.Row)], null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return ([.. rows.Select(r => r.Row)], new TrackingListCursor(filter, key is null ? null : last.Key, last.Row.Recipient.Id));
    }
}
