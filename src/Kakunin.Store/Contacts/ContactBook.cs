using System.Data.Common;
using Kakunin.Protocol;

namespace Kakunin.Store.Contacts;

/// <summary>
/// A user's address book (issue 16 item 3, docs/webmail.md "Address book"): list and search, suggestions for the
/// compose fields, add, edit, keep (a collected contact becomes a saved one), delete. Every statement is scoped to
/// the user's own rows: another user's id is simply not found.
/// </summary>
public sealed class ContactBook(KakuninStore store)
{
    /// <summary>At most this many typed words are matched (each must match the start of a word of the contact).</summary>
    public const int MaxQueryWords = 4;

    private const string Columns = "c.id, c.address, c.name, c.saved, c.times_used, c.last_used_at, c.created_at";

    private const string OfUser = "c.user_id = (SELECT id FROM users WHERE address = @u)";

    // Saved contacts before collected ones, then the most used, then the most recent (issue 16 item 3).
    private const string ByRank = "c.saved DESC, c.times_used DESC, COALESCE(c.last_used_at, 0) DESC, c.search_key, c.id";

    /// <summary>The suggestions for what is typed in a compose field, best first; none for empty text.</summary>
    public async Task<IReadOnlyList<Contact>> SuggestAsync(string user, string typed, int limit, CancellationToken cancellationToken)
    {
        var (condition, parameters) = Match(typed);
        if (condition.Length == 0)
        {
            return [];
        }

        return await QueryAsync(user, condition, parameters, ByRank, Math.Clamp(limit, 1, 50), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of the contacts page: by name (folded), those matching <paramref name="query"/> when it has words.</summary>
    public async Task<ContactPage> ListAsync(string user, string? query, int limit, CancellationToken cancellationToken)
    {
        var (condition, parameters) = Match(query);
        var rows = await QueryAsync(user, condition, parameters, "c.search_key, c.id", limit + 1, cancellationToken).ConfigureAwait(false);
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var count = Sql.Command(
            connection, $"SELECT COUNT(*) FROM contacts c WHERE {OfUser}{condition}", [("@u", MailboxIdentity.KeyOf(user)), .. parameters]);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return new ContactPage([.. rows.Take(limit)], total);
    }

    /// <summary>One contact of the user, or null (none, or someone else's).</summary>
    public async Task<Contact?> GetAsync(string user, long id, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(user, " AND c.id = @id", [("@id", id)], "c.id", 1, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>
    /// Adds a saved contact. An address collected before becomes saved with this name (its use count kept); one
    /// already saved is refused with <see cref="ContactProblem.AlreadySaved"/>. Check the fields with
    /// <see cref="ContactRules"/> first: this throws <see cref="ArgumentException"/> for a field they refuse.
    /// </summary>
    public Task<ContactChange> AddAsync(string user, string address, string? name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (key, clean) = Checked(address, name);
        var owner = MailboxIdentity.KeyOf(user);
        return store.Writer.WriteAsync(tx =>
        {
            if (DirectoryRepository.FindUserId(tx, owner) is not { } userId)
            {
                return new ContactChange(null, ContactProblem.Empty);
            }

            var existing = tx.ScalarInt64("SELECT saved FROM contacts WHERE user_id = @u AND address = @a", ("@u", userId), ("@a", key));
            if (existing == 1)
            {
                return new ContactChange(null, ContactProblem.AlreadySaved);
            }

            var id = tx.ScalarInt64(
                "INSERT INTO contacts (user_id, address, name, saved, times_used, last_used_at, created_at, search_key) VALUES (@u, @a, @n, 1, 0, NULL, @t, @k) " +
                "ON CONFLICT (user_id, address) DO UPDATE SET saved = 1, name = @n, search_key = @k RETURNING id",
                ("@u", userId), ("@a", key), ("@n", clean), ("@t", Sql.ToUnixMs(now)), ("@k", ContactSearchKey.For(key, clean)));
            return new ContactChange(id, null);
        }, cancellationToken)!;
    }

    /// <summary>
    /// Changes a contact's address and name (it is saved from then on). Refused with <see cref="ContactProblem.AlreadySaved"/>
    /// when another contact of the user has that address; <see cref="ContactChange.Id"/> is null when the contact is not the user's.
    /// </summary>
    public Task<ContactChange> UpdateAsync(string user, long id, string address, string? name, CancellationToken cancellationToken)
    {
        var (key, clean) = Checked(address, name);
        var owner = MailboxIdentity.KeyOf(user);
        return store.Writer.WriteAsync(tx =>
        {
            var other = tx.ScalarInt64(
                "SELECT c.id FROM contacts c WHERE " + OfUser + " AND c.address = @a AND c.id <> @id", ("@u", owner), ("@a", key), ("@id", id));
            if (other is not null)
            {
                return new ContactChange(id, ContactProblem.AlreadySaved);
            }

            var changed = tx.Execute(
                "UPDATE contacts SET address = @a, name = @n, saved = 1, search_key = @k WHERE id = @id AND user_id = (SELECT id FROM users WHERE address = @u)",
                ("@a", key), ("@n", clean), ("@k", ContactSearchKey.For(key, clean)), ("@id", id), ("@u", owner));
            return new ContactChange(changed == 1 ? id : null, null);
        }, cancellationToken)!;
    }

    /// <summary>Keeps a collected contact: it becomes saved. False when the user has no such contact.</summary>
    public Task<bool> KeepAsync(string user, long id, CancellationToken cancellationToken) =>
        store.Writer.WriteAsync(
            tx => tx.Execute("UPDATE contacts SET saved = 1 WHERE id = @id AND user_id = (SELECT id FROM users WHERE address = @u)", ("@id", id), ("@u", MailboxIdentity.KeyOf(user))) == 1,
            cancellationToken);

    /// <summary>Deletes (or, for a collected one, forgets) a contact. False when the user has no such contact.</summary>
    public Task<bool> DeleteAsync(string user, long id, CancellationToken cancellationToken) =>
        store.Writer.WriteAsync(
            tx => tx.Execute("DELETE FROM contacts WHERE id = @id AND user_id = (SELECT id FROM users WHERE address = @u)", ("@id", id), ("@u", MailboxIdentity.KeyOf(user))) == 1,
            cancellationToken);

    // One LIKE per typed word against the folded key: the start of a word, or anywhere for Japanese script.
    private static (string Condition, (string, object?)[] Parameters) Match(string? typed)
    {
        var words = ContactSearchKey.Words(typed).Take(MaxQueryWords).ToList();
        var condition = string.Concat(words.Select((_, i) => $" AND c.search_key LIKE @w{i} ESCAPE '\\'"));
        var parameters = words.Select((w, i) => ($"@w{i}", (object?)((ContactSearchKey.IsJapanese(w) ? "%" : "% ") + Escape(w) + "%"))).ToArray();
        return (condition, parameters);
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static (string Key, string? Name) Checked(string address, string? name)
    {
        if (ContactRules.AddressProblem(address) is { } addressProblem)
        {
            throw new ArgumentException($"The address cannot be stored: {addressProblem}.", nameof(address));
        }

        if (ContactRules.NameProblem(name) is { } nameProblem)
        {
            throw new ArgumentException($"The name cannot be stored: {nameProblem}.", nameof(name));
        }

        var trimmed = name?.Trim();
        return (MailboxIdentity.KeyOf(address.Trim()), string.IsNullOrEmpty(trimmed) ? null : trimmed);
    }

    private async Task<List<Contact>> QueryAsync(string user, string condition, (string, object?)[] parameters, string order, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(
            connection,
            $"SELECT {Columns} FROM contacts c WHERE {OfUser}{condition} ORDER BY {order} LIMIT @limit",
            [("@u", MailboxIdentity.KeyOf(user)), ("@limit", limit), .. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Contact>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static Contact Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), Sql.NullableString(reader, 2), reader.GetInt64(3) == 1, reader.GetInt64(4),
        Sql.NullableTime(reader, 5), Sql.FromUnixMs(reader.GetInt64(6)));
}
