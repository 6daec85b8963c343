using Kakunin.Protocol;
namespace Kakunin.Store;

/// <summary>Local domains, users (with their folders) and aliases.</summary>
public sealed partial class DirectoryRepository
{
    private static readonly string DummyHash = PasswordHasher.Hash("dummy", 1000);
    private readonly KakuninStore _store;

    internal DirectoryRepository(KakuninStore store) => _store = store;

    public Task AddDomainAsync(string domain, CancellationToken cancellationToken)
    {
        var name = DomainNames.Canonical(domain);
        return _store.Writer.WriteAsync(tx => tx.Execute("INSERT INTO domains (name) VALUES (@n) ON CONFLICT (name) DO NOTHING", ("@n", name)), cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetLocalDomainsAsync(CancellationToken cancellationToken)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT name FROM domains");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            set.Add(reader.GetString(0));
        }

        return set;
    }

    /// <summary>Whether <paramref name="domain"/> is one of ours, read inside a write transaction.</summary>
    public static bool IsLocalDomain(StoreTransaction transaction, string domain)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT 1 FROM domains WHERE name = @n", ("@n", DomainNames.Canonical(domain))) is not null;
    }

    public async Task<bool> IsLocalDomainAsync(string domain, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT 1 FROM domains WHERE name = @n", DomainNames.Canonical(domain), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Creates a user on a local domain with a hashed password and the default folders; returns the user id.</summary>
    /// <exception cref="InvalidOperationException">The domain is not local.</exception>
    public Task<long> AddUserAsync(string address, string password, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        var hash = PasswordHasher.Hash(password, _store.Options.PasswordIterations); // hashed outside the writer: it is slow on purpose
        return _store.Writer.WriteAsync(tx =>
        {
            if (tx.ScalarInt64("SELECT COUNT(*) FROM domains WHERE name = @n", ("@n", MailboxIdentity.DomainOf(normalized))) == 0)
            {
                throw new InvalidOperationException($"The domain of {normalized} is not a local domain.");
            }

            var id = tx.ScalarInt64(
                "INSERT INTO users (address, password_hash, created_at) VALUES (@a, @h, @t) RETURNING id",
                ("@a", normalized), ("@h", hash), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))!.Value;
            foreach (var folder in MailFolders.Defaults)
            {
                tx.Execute("INSERT INTO folders (user_id, name) VALUES (@u, @n)", ("@u", id), ("@n", folder));
            }

            return id;
        }, cancellationToken);
    }

    /// <summary>Checks a password; returns the canonical address of the user, or null. Takes as long for unknown users.</summary>
    public async Task<string?> VerifyPasswordAsync(string address, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var normalized = MailboxIdentity.KeyOf(address);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT password_hash FROM users WHERE address = @a", ("@a", normalized));
        var hash = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        var ok = PasswordHasher.Verify(password, hash ?? DummyHash);
        return ok && hash is not null ? normalized : null;
    }

    public async Task<long?> FindUserIdAsync(string address, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT id FROM users WHERE address = @n", MailboxIdentity.KeyOf(address), cancellationToken).ConfigureAwait(false);

    /// <summary>The user's id inside a write transaction, or null.</summary>
    public static long? FindUserId(StoreTransaction transaction, string address)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT id FROM users WHERE address = @a", ("@a", MailboxIdentity.KeyOf(address)));
    }

    /// <summary>Adds an alias: <paramref name="address"/> (on a local domain) forwards to each target, local or remote.</summary>
    public Task AddAliasAsync(string address, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        var list = targets.Select(MailboxIdentity.KeyOf).Distinct(StringComparer.Ordinal).ToList();
        return _store.Writer.WriteAsync(tx =>
        {
            foreach (var target in list)
            {
                tx.Execute("INSERT INTO aliases (address, target) VALUES (@a, @t) ON CONFLICT (address, target) DO NOTHING", ("@a", normalized), ("@t", target));
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetAliasTargetsAsync(string address, CancellationToken cancellationToken) =>
        await ListAsync("SELECT target FROM aliases WHERE address = @n ORDER BY target", MailboxIdentity.KeyOf(address), cancellationToken).ConfigureAwait(false);

    /// <summary>The alias targets inside a write transaction (empty when the address is no alias).</summary>
    public static IReadOnlyList<string> GetAliasTargets(StoreTransaction transaction, string address)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command("SELECT target FROM aliases WHERE address = @a ORDER BY target", ("@a", MailboxIdentity.KeyOf(address)));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>The aliases that have <paramref name="userAddress"/> among their targets: addresses the user may send as.</summary>
    public async Task<IReadOnlyList<string>> GetAliasesOfAsync(string userAddress, CancellationToken cancellationToken) =>
        await ListAsync("SELECT DISTINCT address FROM aliases WHERE target = @n ORDER BY address", MailboxIdentity.KeyOf(userAddress), cancellationToken).ConfigureAwait(false);

    /// <summary>The local domains, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListDomainsAsync(CancellationToken cancellationToken) =>
        [.. (await GetLocalDomainsAsync(cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal)];

    /// <summary>The users, sorted by address; only those of <paramref name="domain"/> when given.</summary>
    public async Task<IReadOnlyList<UserRecord>> ListUsersAsync(string? domain, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Filtered on the domain part in C#: a LIKE '%@' || domain would need escaping of _ and %.
        await using var command = Sql.Command(connection, "SELECT id, address, created_at FROM users ORDER BY address");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var wanted = domain is null ? null : DomainNames.Canonical(domain);
        var list = new List<UserRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var address = reader.GetString(1);
            if (wanted is null || MailboxIdentity.DomainOf(address) == wanted)
            {
                list.Add(new UserRecord(reader.GetInt64(0), address, Sql.FromUnixMs(reader.GetInt64(2))));
            }
        }

        return list;
    }

    /// <summary>
    /// Replaces a user's password (hashed like <see cref="AddUserAsync"/>) and signs out every webmail session of the
    /// user; returns false when there is no such user.
    /// </summary>
    public Task<bool> SetPasswordAsync(string address, string password, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        var hash = PasswordHasher.Hash(password, _store.Options.PasswordIterations);
        return _store.Writer.WriteAsync(
            tx =>
            {
                if (tx.Execute("UPDATE users SET password_hash = @h WHERE address = @a", ("@h", hash), ("@a", normalized)) != 1)
                {
                    return false;
                }

                // A new password ends every webmail session signed in with the old one (a reset is often made because the
                // old one leaked), in the same commit: the next generation (docs/security.md).
                tx.Execute(
                    "INSERT INTO session_generations (address, generation) VALUES (@a, 1) ON CONFLICT (address) DO UPDATE SET generation = session_generations.generation + 1",
                    ("@a", normalized));
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes a user with their folders and every stored message; returns false when there is no such user.
    /// Aliases that name the user stay (the queue fails mail to a user removed since RCPT); tracking records
    /// of mail they sent stay as evidence; their webhook endpoints and delivery logs are deleted.
    /// </summary>
    public Task<bool> DeleteUserAsync(string address, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(tx =>
        {
            if (FindUserId(tx, normalized) is not { } id)
            {
                return false;
            }

            const string Owned = "folder_id IN (SELECT id FROM folders WHERE user_id = @u)";
            var contents = MessageContents.ReferredBy(tx, Owned, ("@u", id));
            tx.Execute("DELETE FROM messages WHERE " + Owned, ("@u", id));
            MessageContents.Release(tx, contents); // what other users still hold stays
            tx.Execute("DELETE FROM folders WHERE user_id = @u", ("@u", id));
            tx.Execute("DELETE FROM user_settings WHERE user_id = @u", ("@u", id));
            // Their webhook endpoints go with them (docs/webhooks.md): nobody is left to receive or to re-enable.
            tx.Execute("DELETE FROM webhook_deliveries WHERE endpoint_id IN (SELECT id FROM webhook_endpoints WHERE user_address = @a)", ("@a", normalized));
            tx.Execute("DELETE FROM webhook_endpoints WHERE user_address = @a", ("@a", normalized));
            tx.Execute("DELETE FROM users WHERE id = @u", ("@u", id));
            return true;
        }, cancellationToken);
    }

    /// <summary>Every alias with its targets, sorted by address.</summary>
    public async Task<IReadOnlyList<AliasRecord>> ListAliasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT address, target FROM aliases ORDER BY address, target");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<AliasRecord>();
        List<string>? targets = null;
        string? current = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var address = reader.GetString(0);
            if (address != current)
            {
                current = address;
                targets = [];
                list.Add(new AliasRecord(address, targets));
            }

            targets!.Add(reader.GetString(1));
        }

        return list;
    }

    private async Task<long?> ScalarAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, sql, ("@n", value));
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is null or DBNull ? null : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, sql, ("@n", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
