namespace Kakunin.Store.Imap;

/// <summary>Folders: list, create (with parents), delete, rename (with children), subscribe, counters.</summary>
public sealed partial class ImapMailRepository
{
    /// <summary>The user's folders, by name (ordinal).</summary>
    public async Task<IReadOnlyList<MailFolderRow>> ListFoldersAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT id, name, subscribed FROM folders WHERE user_id = @u", ("@u", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<MailFolderRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new MailFolderRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) != 0));
        }

        return [.. list.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Creates a folder and any missing parents ("a/b/c" creates "a" and "a/b").</summary>
    public Task<FolderChangeResult> CreateFolderAsync(long userId, string name, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(tx =>
        {
            if (!IsValidName(name))
            {
                return FolderChangeResult.NotAllowed;
            }

            if (FolderId(tx, userId, name) is not null)
            {
                return FolderChangeResult.AlreadyExists;
            }

            CreateWithParents(tx, userId, name);
            return FolderChangeResult.Done;
        }, cancellationToken);

    /// <summary>
    /// Deletes a folder and its messages. The default folders cannot be deleted (the webmail and delivery file mail
    /// into them), nor a folder with children: every folder's parent exists, as Dovecot keeps it.
    /// </summary>
    public Task<FolderChangeResult> DeleteFolderAsync(long userId, string name, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(tx =>
        {
            if (FolderId(tx, userId, name) is not { } id)
            {
                return FolderChangeResult.NoSuchFolder;
            }

            if (MailFolders.Defaults.Contains(name, StringComparer.Ordinal) || HasChildren(tx, userId, name))
            {
                return FolderChangeResult.NotAllowed;
            }

            var contents = MessageContents.ReferredBy(tx, "folder_id = @f", ("@f", id));
            tx.Execute("DELETE FROM messages WHERE folder_id = @f", ("@f", id));
            MessageContents.Release(tx, contents);
            tx.Execute("DELETE FROM folders WHERE id = @f", ("@f", id));
            return FolderChangeResult.Done;
        }, cancellationToken);

    /// <summary>
    /// Renames a folder with its children ("a" → "x" also renames "a/b" to "x/b"), creating missing parents of the new
    /// name. The Inbox is not renamed: its messages move to the new folder and it stays, empty (RFC 9051 §6.3.6).
    /// The other default folders cannot be renamed.
    /// </summary>
    public Task<FolderChangeResult> RenameFolderAsync(long userId, string from, string to, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(tx =>
        {
            if (FolderId(tx, userId, from) is not { } id)
            {
                return FolderChangeResult.NoSuchFolder;
            }

            if (!IsValidName(to) || to.StartsWith(from + Delimiter, StringComparison.Ordinal)
                || (from != MailFolders.Inbox && MailFolders.Defaults.Contains(from, StringComparer.Ordinal)))
            {
                return FolderChangeResult.NotAllowed;
            }

            if (FolderId(tx, userId, to) is not null)
            {
                return FolderChangeResult.AlreadyExists;
            }

            if (from == MailFolders.Inbox)
            {
                var target = CreateWithParents(tx, userId, to);
                // uid cleared: the move trigger gives each message its new UID and logs its expunge from the Inbox.
                tx.Execute("UPDATE messages SET folder_id = @t, uid = NULL WHERE folder_id = @f", ("@t", target), ("@f", id));
                return FolderChangeResult.Done;
            }

            var children = ChildrenOf(tx, userId, from);
            foreach (var (_, childName) in children)
            {
                if (FolderId(tx, userId, to + childName[from.Length..]) is not null)
                {
                    return FolderChangeResult.AlreadyExists;
                }
            }

            var parent = ParentOf(to);
            if (parent is not null && FolderId(tx, userId, parent) is null)
            {
                CreateWithParents(tx, userId, parent);
            }

            tx.Execute("UPDATE folders SET name = @n WHERE id = @f", ("@n", to), ("@f", id));
            foreach (var (childId, childName) in children)
            {
                tx.Execute("UPDATE folders SET name = @n WHERE id = @f", ("@n", to + childName[from.Length..]), ("@f", childId));
            }

            return FolderChangeResult.Done;
        }, cancellationToken);

    /// <summary>Subscribes to or unsubscribes from a folder.</summary>
    public Task<FolderChangeResult> SetSubscribedAsync(long userId, string name, bool subscribed, CancellationToken cancellationToken) =>
        _store.Writer.WriteAsync(
            tx => tx.Execute("UPDATE folders SET subscribed = @s WHERE user_id = @u AND name = @n", ("@s", subscribed ? 1 : 0), ("@u", userId), ("@n", name)) == 1
                ? FolderChangeResult.Done
                : FolderChangeResult.NoSuchFolder,
            cancellationToken);

    /// <summary>A folder's counters, or null when the user has no such folder.</summary>
    public async Task<FolderCounters?> GetCountersAsync(long userId, string name, CancellationToken cancellationToken)
    {
        await using var connection = await ReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            "SELECT f.id, f.uid_next, f.uid_validity, f.highest_modseq, " +
            "(SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id), " +
            "(SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id AND m.seen = 0), " +
            "(SELECT COUNT(*) FROM messages m WHERE m.folder_id = f.id AND " + _store.Dialect.HasText("(' ' || m.flags || ' ')", " \\Deleted ") + "), " +
            "(SELECT COALESCE(SUM(m.size), 0) FROM messages m WHERE m.folder_id = f.id) " +
            "FROM folders f WHERE f.user_id = @u AND f.name = @n",
            ("@u", userId), ("@n", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new FolderCounters(
                reader.GetInt64(0), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7),
                (uint)reader.GetInt64(1), (uint)reader.GetInt64(2), (ulong)reader.GetInt64(3))
            : null;
    }

    /// <summary>A name every level of which is non-empty ("a/b", not "a//b", "/a" or "a/").</summary>
    public static bool IsValidName(string name) =>
        !string.IsNullOrEmpty(name) && name.Split(Delimiter).All(level => level.Length > 0) && !name.Any(char.IsControl);

    private static string? ParentOf(string name) => name.LastIndexOf(Delimiter) is var i && i > 0 ? name[..i] : null;

    private static long CreateWithParents(StoreTransaction tx, long userId, string name)
    {
        long id = 0;
        var levels = name.Split(Delimiter);
        for (var i = 1; i <= levels.Length; i++)
        {
            var path = string.Join(Delimiter, levels[..i]);
            id = FolderId(tx, userId, path)
                ?? tx.ScalarInt64("INSERT INTO folders (user_id, name) VALUES (@u, @n) RETURNING id", ("@u", userId), ("@n", path))!.Value;
        }

        return id;
    }

    private static bool HasChildren(StoreTransaction tx, long userId, string name) => ChildrenOf(tx, userId, name).Count > 0;

    private static List<(long Id, string Name)> ChildrenOf(StoreTransaction tx, long userId, string name)
    {
        // substr, not LIKE: a name may hold % or _.
        using var command = tx.Command(
            "SELECT id, name FROM folders WHERE user_id = @u AND substr(name, 1, @l) = @p",
            ("@u", userId), ("@l", (name + Delimiter).EnumerateRunes().Count()), ("@p", name + Delimiter)); // SQLite counts characters
        using var reader = command.ExecuteReader();
        var list = new List<(long, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return list;
    }
}
